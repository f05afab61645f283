package org.mloop.serving.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.endpoints.CollectedDataFlush;
import org.mloop.core.endpoints.CollectedFileName;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.runtime.Predictions;

class RollingDataCollectorTest {
  static final List<String> COLUMNS = List.of("Pregnancies", "PlasmaGlucose", "DiastolicBloodPressure",
      "TricepsThickness", "SerumInsulin", "BMI", "DiabetesPedigree", "Age");
  static final long T0 = Instant.parse("2026-11-26T15:00:00.123Z").toEpochMilli();
  static final String EP = "diabetes-prod";
  static final String DEP = "blue";
  /** Files never roll by age unless a test asks for it. */
  static final RollingDataCollector.Settings NO_AGE_ROLL = RollingDataCollector.Settings.defaults()
      .withMaxFileAge(Duration.ofHours(1)).withRetries(3, Duration.ofMillis(1));

  @TempDir
  Path dir;

  static CollectedBatch batch(String requestId, long timestamp, int rows) {
    double[][] data = new double[rows][];
    List<String> labels = new ArrayList<>();
    double[][] probabilities = new double[rows][];
    for (int r = 0; r < rows; r++) {
      data[r] = new double[] {r, 171, 80, 34, 23, 43.50972593, 1.21, 21};
      labels.add(r % 2 == 0 ? "1" : "0");
      probabilities[r] = r % 2 == 0 ? new double[] {0.2, 0.8} : new double[] {0.75, 0.25};
    }
    return new CollectedBatch(EP, DEP, "diabetes", 7, requestId, timestamp, COLUMNS, data,
        new Predictions(List.of("0", "1"), labels, probabilities));
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting for " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Writes into {@code folder}, failing as an unavailable store does while {@code down} is set. */
  static CollectedDataSink unlessDown(FolderSink folder, AtomicBoolean down) {
    return (e, d, p, c) -> {
      if (down.get()) {
        throw new IllegalStateException("artifact store unavailable");
      }
      folder.write(e, d, p, c);
    };
  }

  static List<CollectedRecord> all(CollectedRecords records) {
    List<CollectedRecord> out = new ArrayList<>();
    records.forEach(null, null, out::add);
    return out;
  }

  @Test
  void everyOfferedBatchBecomesItsRowsWithTheirCorrelationIdsAfterClose() throws Exception {
    FolderSink sink = new FolderSink(dir);
    int threads = 4;
    int perThread = 250;
    int rows = 3;
    RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL.withQueueCapacity(2000));
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread sender = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          assertThat(collector.offer(batch("req-" + thread + "-" + i, T0 + i, rows))).isTrue();
        }
      });
      sender.start();
      senders.add(sender);
    }
    for (Thread s : senders) {
      s.join();
    }
    collector.close();

    List<CollectedRecord> records = all(sink.records(EP, DEP));
    assertThat(records).hasSize(threads * perThread * rows);
    Set<String> ids = records.stream().map(r -> r.correlationId() + "#" + r.row()).collect(Collectors.toSet());
    Set<String> expected = new HashSet<>();
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < perThread; i++) {
        for (int r = 0; r < rows; r++) {
          expected.add("req-" + t + "-" + i + "#" + r);
        }
      }
    }
    assertThat(ids).isEqualTo(expected);
    assertThat(collector.stats().writtenRows()).isEqualTo(threads * perThread * rows);
    assertThat(collector.dropped()).isZero();
  }

  @Test
  void eachRowIsOneJsonLineWithIntegerInputsAsIntegers() {
    FolderSink sink = new FolderSink(dir);
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL)) {
      collector.offer(batch("req-1", T0, 2));
    }
    List<String> files = sink.files(EP, DEP);
    assertThat(files).containsExactly("2026/11/26/15/host-a-" + T0 + "-0.jsonl");
    String[] lines = sink.read(EP, DEP, files.get(0)).split("\n", -1);
    assertThat(lines).hasSize(3).endsWith("");
    assertThat(lines[0]).isEqualTo("{\"correlation_id\":\"req-1\",\"row\":0,\"timestamp\":\"2026-11-26T15:00:00.123Z\","
        + "\"endpoint\":\"diabetes-prod\",\"deployment\":\"blue\",\"model\":\"diabetes\",\"model_version\":7,"
        + "\"inputs\":{\"Pregnancies\":0,\"PlasmaGlucose\":171,\"DiastolicBloodPressure\":80,\"TricepsThickness\":34,"
        + "\"SerumInsulin\":23,\"BMI\":43.50972593,\"DiabetesPedigree\":1.21,\"Age\":21},"
        + "\"outputs\":{\"label\":\"1\",\"probabilities\":{\"0\":0.2,\"1\":0.8}}}");

    CollectedRecord second = all(sink.records(EP, DEP)).get(1);
    assertThat(second.row()).isEqualTo(1);
    assertThat(second.timestamp()).isEqualTo(T0);
    assertThat(second.model()).isEqualTo("diabetes");
    assertThat(second.modelVersion()).isEqualTo(7);
    assertThat(second.input("Pregnancies")).isEqualTo(1.0);
    assertThat(second.inputs().keySet()).containsExactlyElementsOf(COLUMNS);
    assertThat(second.label()).isEqualTo("0");
    assertThat(second.probability("1")).isEqualTo(0.25);
  }

  @Test
  void filesRollWhenTheyReachTheSizeLimit() {
    FolderSink sink = new FolderSink(dir);
    int lineBytes = 330; // about one row
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a",
        NO_AGE_ROLL.withMaxFileBytes(10L * lineBytes))) {
      for (int i = 0; i < 100; i++) {
        collector.offer(batch("req-" + i, T0 + i, 1));
      }
    }
    List<String> files = sink.files(EP, DEP);
    assertThat(files).hasSizeBetween(8, 12);
    for (String f : files) {
      assertThat(CollectedFileName.parse(f)).hasValueSatisfying(n -> assertThat(n.hostId()).isEqualTo("host-a"));
      assertThat(f).startsWith("2026/11/26/15/");
      // a file rolls at the first batch that takes it to the limit
      assertThat(sink.read(EP, DEP, f).length()).isLessThan(10 * lineBytes + 2 * lineBytes);
    }
    assertThat(all(sink.records(EP, DEP))).hasSize(100);
  }

  @Test
  void filesRollWhenTheyReachTheirAgeWithoutWaitingForClose() {
    FolderSink sink = new FolderSink(dir);
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a",
        NO_AGE_ROLL.withMaxFileAge(Duration.ofMillis(50)))) {
      collector.offer(batch("req-1", T0, 1));
      await(() -> sink.files(EP, DEP).size() == 1, "the first file to roll by age");
      collector.offer(batch("req-2", T0 + 1000, 1));
      await(() -> sink.files(EP, DEP).size() == 2, "the second file to roll by age");
    }
    assertThat(sink.files(EP, DEP)).containsExactly("2026/11/26/15/host-a-" + T0 + "-0.jsonl",
        "2026/11/26/15/host-a-" + (T0 + 1000) + "-1.jsonl");
  }

  @Test
  void aRecordOfALaterHourStartsANewFileInThatHoursFolder() {
    FolderSink sink = new FolderSink(dir);
    long beforeFour = Instant.parse("2026-11-26T15:59:59.900Z").toEpochMilli();
    long afterFour = Instant.parse("2026-11-26T16:00:00.100Z").toEpochMilli();
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL)) {
      collector.offer(batch("req-1", beforeFour, 1));
      collector.offer(batch("req-2", afterFour, 1));
    }
    assertThat(sink.files(EP, DEP)).containsExactly("2026/11/26/15/host-a-" + beforeFour + "-0.jsonl",
        "2026/11/26/16/host-a-" + afterFour + "-1.jsonl");
  }

  @Test
  void eachDeploymentHasItsOwnFiles() {
    FolderSink sink = new FolderSink(dir);
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL)) {
      collector.offer(batch("req-1", T0, 1));
      CollectedBatch green = batch("req-2", T0, 2);
      collector.offer(new CollectedBatch(EP, "green", "diabetes", 8, "req-2", T0, COLUMNS, green.rows(),
          green.predictions()));
    }
    assertThat(all(sink.records(EP, DEP))).extracting(CollectedRecord::correlationId).containsExactly("req-1");
    assertThat(all(sink.records(EP, "green"))).extracting(CollectedRecord::modelVersion).containsExactly(8, 8);
  }

  @Test
  void aBatchThatCannotBeWrittenIsDroppedAndCountedAndTheFileAroundItStaysReadable() {
    FolderSink sink = new FolderSink(dir);
    CollectedBatch good = batch("ok", T0, 1);
    CollectedBatch shortRow = new CollectedBatch(EP, DEP, "diabetes", 7, "broken", T0, COLUMNS,
        new double[][] {{1, 2, 3}}, good.predictions());
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL)) {
      collector.offer(batch("before", T0, 2));
      collector.offer(shortRow);
      collector.offer(batch("after", T0, 1));
      collector.close();
      assertThat(collector.stats().droppedRows()).isEqualTo(1);
    }
    CollectedRecords records = sink.records(EP, DEP);
    assertThat(all(records)).extracting(CollectedRecord::correlationId).containsExactly("before", "before", "after");
    assertThat(records.malformedLines()).isZero();
  }

  @Test
  void aFullQueueDropsAndCountsBatchesWithoutBlockingTheCaller() {
    FolderSink folder = new FolderSink(dir);
    HeldSink blocking = new HeldSink(folder);
    // Every batch fills a file and every file fills the memory bound: with the sink stuck on the first
    // file, the writer holds at most one more and the queue at most 4 batches.
    RollingDataCollector collector = new RollingDataCollector(blocking, "host-a",
        NO_AGE_ROLL.withQueueCapacity(4).withMaxFileBytes(1).withMaxPendingBytes(1));
    assertThat(collector.offer(batch("first", T0, 2))).isTrue();
    List<String> accepted = new ArrayList<>(List.of("first"));
    List<String> refused = new ArrayList<>();
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      blocking.entered.await();
      for (int i = 0; i < 100; i++) {
        String id = "req-" + i;
        (collector.offer(batch(id, T0, 2)) ? accepted : refused).add(id);
      }
    });
    assertThat(accepted).hasSizeBetween(5, 6);
    assertThat(collector.dropped()).isEqualTo(refused.size());
    assertThat(collector.stats().droppedRows()).isEqualTo(2L * refused.size());

    blocking.release();
    collector.close();
    assertThat(all(folder.records(EP, DEP))).extracting(CollectedRecord::correlationId).doesNotContainAnyElementsOf(refused)
        .hasSize(2 * accepted.size()).containsAll(accepted);
    assertThat(collector.stats().offeredBatches()).isEqualTo(101);
    assertThat(collector.stats().writtenRows()).isEqualTo(2L * accepted.size());
  }

  @Test
  void theQueueHoldsAtMostItsRowsSoLargeRequestsCannotExhaustMemory() {
    FolderSink folder = new FolderSink(dir);
    HeldSink blocking = new HeldSink(folder);
    // Room for 1,000 requests but only 50 rows: requests of 10 rows, the writer stuck behind the sink.
    RollingDataCollector collector = new RollingDataCollector(blocking, "host-a",
        NO_AGE_ROLL.withQueueCapacity(1000).withMaxQueuedRows(50).withMaxFileBytes(1).withMaxPendingBytes(1));
    assertThat(collector.offer(batch("first", T0, 10))).isTrue();
    int accepted = 1;
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> blocking.entered.await());
    for (int i = 0; i < 100; i++) {
      accepted += collector.offer(batch("req-" + i, T0, 10)) ? 1 : 0;
    }
    // the first (in the sink), at most one held by the writer, 5 queued
    assertThat(accepted).isBetween(6, 7);
    assertThat(collector.stats().droppedRows()).isEqualTo(10L * (101 - accepted));

    blocking.release();
    collector.close();
    assertThat(collector.stats().writtenRows()).isEqualTo(10L * accepted);
  }

  @Test
  void aSlowSinkDoesNotStopTheQueueFromDraining() throws Exception {
    FolderSink folder = new FolderSink(dir);
    HeldSink slow = new HeldSink(folder);
    // Files of about 3 rows; while the store takes its time over the first, requests keep coming.
    try (RollingDataCollector collector = new RollingDataCollector(slow, "host-a",
        NO_AGE_ROLL.withQueueCapacity(64).withMaxFileBytes(1000))) {
      collector.offer(batch("first", T0, 3));
      slow.entered.await();
      for (int i = 0; i < 300; i++) {
        assertThat(collector.offer(batch("req-" + i, T0 + i, 1))).as("offer %d while the sink is busy", i).isTrue();
        Thread.sleep(1);
      }
      await(() -> collector.stats().pendingFiles() >= 90, "the rolled files to wait for the sink");
      assertThat(collector.dropped()).isZero();
      slow.release();
    }
    assertThat(all(folder.records(EP, DEP))).hasSize(303);
  }

  @Test
  void aFailingSinkIsRetriedAndNothingIsLost() {
    FolderSink folder = new FolderSink(dir);
    AtomicInteger failuresLeft = new AtomicInteger(2);
    CollectedDataSink flaky = (e, d, p, c) -> {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IllegalStateException("artifact store unavailable");
      }
      folder.write(e, d, p, c);
    };
    try (RollingDataCollector collector = new RollingDataCollector(flaky, "host-a", NO_AGE_ROLL)) {
      collector.offer(batch("req-1", T0, 3));
      collector.close();
      assertThat(collector.stats().sinkFailures()).isEqualTo(2);
      assertThat(collector.stats().droppedRows()).isZero();
    }
    assertThat(all(folder.records(EP, DEP))).hasSize(3);
  }

  @Test
  void filesAreKeptWhileTheSinkIsDownAndWrittenWhenItIsBack() {
    FolderSink folder = new FolderSink(dir);
    AtomicBoolean down = new AtomicBoolean(true);
    CollectedDataSink sink = unlessDown(folder, down);
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a",
        NO_AGE_ROLL.withMaxFileBytes(1).withMaxFileAge(Duration.ofMillis(20)).withRetries(2, Duration.ofMillis(1)))) {
      for (int i = 0; i < 5; i++) {
        collector.offer(batch("req-" + i, T0 + i, 1));
      }
      await(() -> collector.stats().pendingFiles() == 5, "five files kept in memory");
      assertThat(folder.files(EP, DEP)).isEmpty();

      down.set(false);
      await(() -> collector.stats().writtenFiles() == 5, "the kept files to be written");
      assertThat(collector.stats().pendingFiles()).isZero();
      assertThat(collector.stats().droppedRows()).isZero();
    }
    assertThat(all(folder.records(EP, DEP))).extracting(CollectedRecord::correlationId)
        .containsExactly("req-0", "req-1", "req-2", "req-3", "req-4");
  }

  @Test
  void aSinkThatNeverRecoversCostsBoundedMemoryAndCountedRowsButCloseStillReturns() {
    CollectedDataSink broken = (e, d, p, c) -> {
      throw new IllegalStateException("artifact store unavailable");
    };
    RollingDataCollector collector = new RollingDataCollector(broken, "host-a", NO_AGE_ROLL.withMaxFileBytes(1)
        .withMaxPendingBytes(1000).withCloseTimeout(Duration.ofSeconds(2)));
    for (int i = 0; i < 10; i++) {
      collector.offer(batch("req-" + i, T0 + i, 1));
    }
    await(() -> collector.stats().droppedRows() >= 7, "files past the memory bound to be dropped");
    assertThat(collector.stats().pendingFiles()).isLessThanOrEqualTo(3); // about 330 bytes each
    assertTimeoutPreemptively(Duration.ofSeconds(20), collector::close);
    assertThat(collector.stats().droppedRows()).isEqualTo(10);
    assertThat(collector.stats().writtenRows()).isZero();
    assertThat(collector.offer(batch("late", T0, 1))).isFalse();
  }

  @Test
  void aFlushWritesEveryRowOfferedBeforeItAtOnceAndSaysHowMany() {
    FolderSink sink = new FolderSink(dir);
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL)) {
      for (int i = 0; i < 40; i++) {
        collector.offer(batch("req-" + i, T0 + i, 25));
      }
      // files roll after an hour here: without the flush nothing would be written before close
      CollectedDataFlush.Result flushed = collector.flush(Duration.ofSeconds(10));

      assertThat(flushed).isEqualTo(new CollectedDataFlush.Result(1000, 0, true));
      assertThat(all(sink.records(EP, DEP))).hasSize(1000);

      collector.offer(batch("req-after", T0 + 100, 3));
      assertThat(collector.flush(Duration.ofSeconds(10))).isEqualTo(new CollectedDataFlush.Result(3, 0, true));
      assertThat(collector.flush(Duration.ofSeconds(10))).isEqualTo(new CollectedDataFlush.Result(0, 0, true));
      assertThat(all(sink.records(EP, DEP))).hasSize(1003);
    }
    assertThat(all(sink.records(EP, DEP))).hasSize(1003);
  }

  @Test
  void aFlushWhileTheSinkIsDownSaysHowManyRowsAreStillHeld() {
    FolderSink folder = new FolderSink(dir);
    AtomicBoolean down = new AtomicBoolean(true);
    CollectedDataSink sink = unlessDown(folder, down);
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL)) {
      collector.offer(batch("req-1", T0, 4));
      collector.offer(batch("req-2", T0 + 1, 3));
      assertThat(collector.flush(Duration.ofSeconds(10))).isEqualTo(new CollectedDataFlush.Result(0, 7, true));

      down.set(false);
      assertThat(collector.flush(Duration.ofSeconds(10))).isEqualTo(new CollectedDataFlush.Result(7, 0, true));
      assertThat(all(folder.records(EP, DEP))).hasSize(7);
    }
  }

  @Test
  void aFlushThatCannotFinishInTimeSaysSoAndAClosedCollectorHoldsNothing() throws Exception {
    FolderSink folder = new FolderSink(dir);
    HeldSink slow = new HeldSink(folder);
    RollingDataCollector collector = new RollingDataCollector(slow, "host-a", NO_AGE_ROLL);
    collector.offer(batch("req-1", T0, 2));
    assertThat(collector.flush(Duration.ofMillis(200))).isEqualTo(new CollectedDataFlush.Result(0, 0, false));
    slow.release();
    collector.close();
    assertThat(all(folder.records(EP, DEP))).hasSize(2);
    assertThat(collector.flush(Duration.ofSeconds(1))).isEqualTo(new CollectedDataFlush.Result(0, 0, true));
  }

  @Test
  void anExistingFileIsNeverOverwrittenTheNewOneTakesTheNextSequenceNumber() throws Exception {
    FolderSink sink = new FolderSink(dir);
    String taken = new CollectedFileName("host-a", T0, 0).path();
    sink.write(EP, DEP, taken, "{\"timestamp\":0}\n".getBytes());
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL)) {
      collector.offer(batch("req-1", T0, 1));
    }
    assertThat(Files.readString(sink.folder(EP, DEP).resolve(taken))).isEqualTo("{\"timestamp\":0}\n");
    assertThat(sink.files(EP, DEP)).contains("2026/11/26/15/host-a-" + T0 + "-1.jsonl");
  }

  @Test
  void theReaderReadsBackWhatWasWrittenBetweenTwoInstants() {
    FolderSink sink = new FolderSink(dir);
    long start = Instant.parse("2026-11-26T13:00:00Z").toEpochMilli();
    long tenMinutes = 600_000;
    try (RollingDataCollector collector = new RollingDataCollector(sink, "host-a", NO_AGE_ROLL)) {
      for (int i = 0; i < 18; i++) { // 13:00 to 15:50, one request of 2 rows every 10 minutes
        collector.offer(batch("req-" + i, start + i * tenMinutes, 2));
      }
    }
    CollectedRecords records = sink.records(EP, DEP);
    Instant from = Instant.parse("2026-11-26T14:20:00Z");
    Instant to = Instant.parse("2026-11-26T15:00:00Z");

    List<CollectedRecord> window;
    try (var stream = records.stream(from, to)) {
      window = stream.toList();
    }
    assertThat(window).extracting(CollectedRecord::correlationId)
        .containsExactly("req-8", "req-8", "req-9", "req-9", "req-10", "req-10", "req-11", "req-11");
    assertThat(records.forEach(from, null, r -> {})).isEqualTo(2 * 10);
    assertThat(records.forEach(null, null, r -> {})).isEqualTo(2 * 18);
    assertThat(records.files(from, to)).as("files of hours before the window are not opened")
        .noneMatch(f -> f.startsWith("2026/11/26/13/"));
    assertThat(records.malformedLines()).isZero();
  }
}
