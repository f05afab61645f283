package org.mloop.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.workspace.Workspace;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;
import org.mloop.serving.collect.CollectedBatch;
import org.mloop.serving.collect.CollectorStats;
import org.mloop.serving.collect.RollingDataCollector;

/**
 * Production traffic as a deployment's data collector writes it: synthetic patients
 * ({@link DiabetesSynthesizer}) in requests of 1 to 100 rows, scored by the served model, offered to
 * the scoring host's own {@link RollingDataCollector} (so files, names, rolling and JSON Lines are
 * the real ones) with made-up arrival times, {@code rowsPerDay} rows a day from {@link #START}.
 *
 * <p>Row {@code i} arrives at {@link #timestamp}(i) (a request's rows share its first row's time) and
 * no request spans a window boundary, so the window [START, timestamp(n)) holds exactly the first
 * {@code n} rows for every boundary {@code n} given.
 */
final class SyntheticTraffic {
  /** When the first request arrives. */
  static final long START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  static final String HOST_ID = "bench-host-1";
  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
  /** Offered rows the collector has not written yet, at most: keeps the queue far below its capacity. */
  private static final long MAX_IN_FLIGHT_ROWS = 100_000;

  private final long rowsPerDay;
  private final long seed;

  SyntheticTraffic(long rowsPerDay, long seed) {
    if (rowsPerDay < 1 || rowsPerDay > DAY_MILLIS) {
      throw new IllegalArgumentException("rows per day must be 1 to " + DAY_MILLIS + " (one row per millisecond at most), got "
          + rowsPerDay);
    }
    this.rowsPerDay = rowsPerDay;
    this.seed = seed;
  }

  /** The arrival time of row {@code i}; strictly increasing in {@code i} (at most one row per millisecond). */
  long timestamp(long row) {
    return START + row * DAY_MILLIS / rowsPerDay;
  }

  /**
   * Scores {@code rows} synthetic rows with {@code predictor} and writes them as {@code endpoint}/{@code deployment}'s
   * collected data through a rolling collector, no request crossing any of {@code boundaries} (row counts);
   * {@code progress} hears the rows offered so far now and then. Fails unless every row was written.
   */
  CollectorStats write(Workspace workspace, String endpoint, String deployment, String model, int modelVersion,
      Predictor predictor, long rows, List<Long> boundaries, LongConsumer progress) {
    List<String> columns = predictor.model().signature().inputNames();
    DiabetesFeature[] features = columns.stream().map(DiabetesFeature::ofColumn).toArray(DiabetesFeature[]::new);
    Iterator<PatientRow> patients = new DiabetesSynthesizer(seed).iterator(Math.toIntExact(rows));
    Random random = new Random(seed + 1);
    RollingDataCollector collector = new RollingDataCollector(workspace.endpoints()::writeCollectedData, HOST_ID,
        RollingDataCollector.Settings.defaults().withQueueCapacity(1 << 17).withCloseTimeout(Duration.ofMinutes(5)));
    long offered = 0;
    try {
      while (offered < rows) {
        int size = (int) Math.min(requestSize(random), nextBoundary(offered, rows, boundaries) - offered);
        double[][] batch = new double[size][features.length];
        for (int r = 0; r < size; r++) {
          PatientRow patient = patients.next();
          for (int c = 0; c < features.length; c++) {
            batch[r][c] = patient.feature(features[c]);
          }
        }
        Predictions predictions = predictor.predictRows(batch);
        String requestId = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
            (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L).toString();
        while (offered - collector.stats().writtenRows() > MAX_IN_FLIGHT_ROWS) {
          LockSupport.parkNanos(1_000_000);
        }
        if (!collector.offer(new CollectedBatch(endpoint, deployment, model, modelVersion, requestId, timestamp(offered),
            columns, batch, predictions))) {
          throw new IllegalStateException("the data collector refused a request (queue full?): " + collector.stats());
        }
        long before = offered;
        offered += size;
        if (before / 100_000 != offered / 100_000) {
          progress.accept(offered);
        }
      }
    } finally {
      collector.close();
    }
    CollectorStats stats = collector.stats();
    if (stats.writtenRows() != rows || stats.droppedRows() != 0 || stats.droppedBatches() != 0) {
      throw new IllegalStateException("the data collector wrote " + stats.writtenRows() + " of " + rows + " rows: " + stats);
    }
    return stats;
  }

  /** Mostly single rows, as online scoring sees them, with some small and a few larger batches. */
  private static int requestSize(Random random) {
    double u = random.nextDouble();
    if (u < 0.7) {
      return 1;
    }
    return u < 0.95 ? 2 + random.nextInt(9) : 11 + random.nextInt(90);
  }

  private static long nextBoundary(long offered, long rows, List<Long> boundaries) {
    long next = rows;
    for (long b : boundaries) {
      if (b > offered && b < next) {
        next = b;
      }
    }
    return next;
  }
}
