package org.mloop.jobs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.jobs.CodeSnapshot;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobEnvironment;
import org.mloop.core.jobs.JobInput;
import org.mloop.core.jobs.JobOutput;
import org.mloop.core.jobs.JobSpec;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.ResolvedInput;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.tracking.Experiment;
import org.mloop.core.tracking.Run;
import org.mloop.store.FileArtifactStore;
import org.mloop.store.MetadataStores;

/**
 * A real workspace in a temporary folder: SQLite metadata store, file artifact store and a scratch
 * folder whose path has a space and a quote in it, so every test also checks quoting. {@link #queue}
 * does what the workspace does on submission: snapshot the code into the store, create the
 * experiment and the run, insert the job Queued.
 */
final class JobTestbed implements AutoCloseable {
  static final String TRACKING_URI = "http://127.0.0.1:5999";
  static final String TOKEN = "test-token";
  static final String EXPERIMENT = "jobs-test";

  final Path root;
  final String dbUrl;
  final MetadataStore store;
  final FileArtifactStore artifacts;
  final JobScratch scratch;
  final JobExecutor executor;

  JobTestbed(Path root) {
    this.root = root;
    this.dbUrl = MetadataStores.sqliteUrl(root.resolve("mloop.db"));
    this.store = MetadataStores.open(dbUrl);
    this.artifacts = new FileArtifactStore(root.resolve("artifacts"));
    this.scratch = new JobScratch(root.resolve("scratch it's here"));
    this.executor = new JobExecutor(store, artifacts, scratch, TRACKING_URI, TOKEN);
  }

  static JobSpec spec(String command, Map<String, JobInput> inputs, List<String> outputs, Map<String, String> variables) {
    Map<String, JobOutput> outputMap = new LinkedHashMap<>();
    outputs.forEach(o -> outputMap.put(o, new JobOutput("uri_folder", null)));
    return JobSpec.builder().experimentName(EXPERIMENT).code(".").command(command).inputs(inputs).outputs(outputMap)
        .environment(new JobEnvironment("jvm-17", variables)).build();
  }

  static JobSpec spec(String command) {
    return spec(command, Map.of(), List.of(), Map.of());
  }

  /** Submits a job the way the workspace does; {@code codeDir} may be null for a job without code. */
  Job queue(String name, JobSpec spec, Map<String, ResolvedInput> inputs, Path codeDir) {
    CodeSnapshot code = null;
    if (codeDir != null) {
      CodeSnapshotter.Snapshot snapshot = CodeSnapshotter.snapshot(codeDir);
      String base = "code/" + snapshot.sha256();
      for (String path : snapshot.paths()) {
        try (InputStream in = Files.newInputStream(codeDir.resolve(path))) {
          artifacts.write(base + "/" + path, in);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      code = new CodeSnapshot(snapshot.sha256(), base, snapshot.files().size(), snapshot.sizeBytes(), snapshot.git());
    }
    String experimentId = store.tracking().getExperimentByName(EXPERIMENT).map(Experiment::experimentId)
        .orElseGet(() -> store.tracking().createExperiment(EXPERIMENT, null, Map.of()));
    long now = System.currentTimeMillis();
    Run run = store.tracking().createRun(experimentId, "tester", now, name, List.of());
    Job job = Job.builder().name(name).displayName(name).experimentId(experimentId).experimentName(EXPERIMENT)
        .runId(run.info().runId()).status(JobStatus.Queued).spec(spec).inputs(inputs).code(code).createdAt(now).build();
    return store.jobs().createJob(job);
  }

  Job queue(String name, String command) {
    return queue(name, spec(command), Map.of(), null);
  }

  /** A data asset version's files, written where the workspace keeps them; returns its ResolvedInput. */
  ResolvedInput dataAsset(String assetName, String type, Map<String, String> files) {
    List<ArtifactFile> entries = new ArrayList<>();
    files.forEach((path, content) -> entries.add(
        new ArtifactFile(path, false, (long) content.length(), ContentHash.ofString(content))));
    String sha = ContentHash.ofFiles(entries);
    String base = "data/" + assetName + "/" + sha;
    files.forEach((path, content) ->
        artifacts.write(base + "/" + path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8))));
    return new ResolvedInput(type, assetName, 1, sha, base, null);
  }

  String artifactText(String path) {
    try (InputStream in = artifacts.read(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Job job(String name) {
    return store.jobs().getJob(name).orElseThrow();
  }

  Run run(Job job) {
    return store.tracking().getRun(job.runId()).orElseThrow();
  }

  /** Waits (up to a generous limit, never asserting on time) until the job satisfies {@code condition}. */
  Job awaitJob(String name, Predicate<Job> condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Job job = job(name);
      if (condition.test(job)) {
        return job;
      }
      sleep(50);
    }
    throw new AssertionError("job " + name + " never became " + what + "; it is " + job(name));
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Waits for a file the command writes (such as a pid file) and returns its first line. */
  static String awaitFile(Path file) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(file)) {
          String text = Files.readString(file).trim();
          if (!text.isEmpty()) {
            return text;
          }
        }
      } catch (IOException e) {
        // being written: try again
      }
      sleep(50);
    }
    throw new AssertionError(file + " was never written");
  }

  @Override
  public void close() {
    store.close();
  }
}
