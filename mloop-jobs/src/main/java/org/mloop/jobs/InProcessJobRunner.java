package org.mloop.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobRunner;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.store.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs on a fixed number of threads inside this process (the server). Jobs beyond that
 * number wait, Queued, with this process recorded as their executor so the reaper leaves them be.
 * {@link #close()} stops running commands (their jobs end Failed) and fails the jobs still waiting.
 */
public final class InProcessJobRunner implements JobRunner, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessJobRunner.class);

  private final JobExecutor executor;
  private final MetadataStore store;
  private final ThreadPoolExecutor pool;

  public InProcessJobRunner(MetadataStore store, JobExecutor executor, int maxConcurrentJobs) {
    if (maxConcurrentJobs < 1) {
      throw new IllegalArgumentException("maxConcurrentJobs must be at least 1, got " + maxConcurrentJobs);
    }
    this.store = store;
    this.executor = executor;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "mloop-job-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = new ThreadPoolExecutor(maxConcurrentJobs, maxConcurrentJobs, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), threads);
  }

  @Override
  public void start(Job job) {
    String name = job.name();
    executor.claim(name);
    pool.execute(() -> {
      try {
        Job done = executor.execute(name);
        LOG.info("job {} ended {}", name, done.status());
      } catch (RuntimeException e) {
        LOG.error("job {} could not be executed", name, e);
        failQuietly(name, "the executor failed: " + e);
      }
    });
  }

  @Override
  public void cancel(String jobName) {
    executor.cancel(jobName);
  }

  /** The compute targets of its executor. */
  @Override
  public List<String> computeTargets() {
    return executor.computeTargets().names();
  }

  /** Stops running commands (their jobs end Failed) and fails the jobs still waiting for a thread. */
  @Override
  public void close() {
    List<Runnable> waiting = new ArrayList<>();
    pool.getQueue().drainTo(waiting);
    executor.stopAll("the mloop server stopped while the job was running");
    pool.shutdown();
    try {
      if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("jobs still stopping after 30 s, interrupting: {}", executor.executing());
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (!waiting.isEmpty()) {
      // Their names are not in the Runnables: fail every Queued job this process had claimed.
      var me = ProcessIdentity.current();
      store.jobs().listActiveJobs().stream()
          .filter(j -> j.status() == JobStatus.Queued && me.equals(j.executor()))
          .forEach(j -> failQuietly(j.name(), "the mloop server stopped before the job started"));
    }
  }

  private void failQuietly(String name, String message) {
    try {
      long now = System.currentTimeMillis();
      Job job = store.jobs().updateJob(name,
          j -> j.status().terminal() ? j : j.ended(JobStatus.Failed, now, null, message, j.outputs()));
      if (job.runId() != null && job.status() == JobStatus.Failed) {
        store.tracking().updateRun(job.runId(), org.mloop.core.tracking.RunStatus.FAILED, now, null);
      }
    } catch (RuntimeException e) {
      LOG.warn("cannot mark job {} Failed: {}", name, e.toString());
    }
  }
}
