package org.mloop.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.jobs.Job;
import org.mloop.core.jobs.JobStatus;
import org.mloop.core.jobs.LogChunk;

/**
 * A log read that may wait returns when the job writes, when it ends (with its final status), or
 * empty once its bound passed; it is woken by the job's scratch folder changing.
 */
class JobLogWaitTest {
  private static final Duration LONG = Duration.ofSeconds(60);

  @TempDir Path dir;
  private JobTestbed bed;
  private JobLogReader reader;

  @BeforeEach
  void setUp() {
    bed = new JobTestbed(dir);
    reader = new JobLogReader(bed.store.jobs(), bed.artifacts, bed.scratch);
  }

  @AfterEach
  void tearDown() {
    bed.close();
  }

  @Test
  void aWaitingReadReturnsWhatTheJobPrintsNextAndThenTheJobsEnd() throws Exception {
    Path second = dir.resolve("print-second");
    Path end = dir.resolve("end");
    bed.queue("talker", JobTestbed.spec("echo first; until [ -e \"$SECOND\" ]; do sleep 0.05; done; echo second;"
        + " until [ -e \"$END\" ]; do sleep 0.05; done",
        Map.of(), List.of(), Map.of("SECOND", second.toString(), "END", end.toString())), Map.of(), null);
    CompletableFuture<Job> execution = CompletableFuture.supplyAsync(() -> bed.executor.execute("talker"));

    LogChunk first = reader.read("talker", 0, 1000, LONG);
    while (first.text().isEmpty()) { // the read may have returned on Starting or Running, before the first line
      first = reader.read("talker", 0, 1000, LONG);
    }
    LogChunk printed = readWhileWaiting(first.nextOffset(), () -> Files.createFile(second));
    LogChunk ended = readWhileWaiting(printed.nextOffset(), () -> Files.createFile(end));
    execution.join();

    assertThat(first.text()).isEqualTo("first\n");
    assertThat(printed.text()).isEqualTo("second\n");
    assertThat(printed.status()).isEqualTo(JobStatus.Running);
    assertThat(ended.status()).isEqualTo(JobStatus.Completed);
    assertThat(ended.complete()).isTrue();
    assertThat(ended.text()).isEmpty();
  }

  @Test
  void aWaitingReadOfAJobThatDoesNothingReturnsNothingOnceItsBoundPassed() {
    bed.queue("idle", "echo never runs");

    LogChunk chunk = reader.read("idle", 0, 1000, Duration.ofMillis(50));

    assertThat(chunk.text()).isEmpty();
    assertThat(chunk.nextOffset()).isZero();
    assertThat(chunk.status()).isEqualTo(JobStatus.Queued);
    assertThat(chunk.complete()).isFalse();
  }

  @Test
  void aReadOfAnEndedJobDoesNotWait() {
    bed.queue("quick", "echo done");
    bed.executor.execute("quick");

    LogChunk chunk = reader.read("quick", "done\n".length(), 1000, LONG);

    assertThat(chunk.status()).isEqualTo(JobStatus.Completed);
    assertThat(chunk.complete()).isTrue();
  }

  @FunctionalInterface
  private interface Step {
    void run() throws Exception;
  }

  /**
   * Starts a waiting read from {@code offset}, takes {@code step} once the read is blocked waiting
   * for a change (so what the step makes the job do happens after the read began), and returns what
   * the read returned.
   */
  private LogChunk readWhileWaiting(long offset, Step step) throws Exception {
    AtomicReference<LogChunk> result = new AtomicReference<>();
    Thread reading = new Thread(() -> result.set(reader.read("talker", offset, 1000, LONG)));
    reading.start();
    while (reading.getState() != Thread.State.TIMED_WAITING && reading.isAlive()) {
      Thread.onSpinWait();
    }
    assertThat(result.get()).as("the read waits while the job prints nothing").isNull();
    step.run();
    reading.join();
    return result.get();
  }
}
