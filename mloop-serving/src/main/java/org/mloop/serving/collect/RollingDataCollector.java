package org.mloop.serving.collect;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.mloop.core.endpoints.CollectedDataFlush;
import org.mloop.core.endpoints.CollectedFileName;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.runtime.Predictions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes scored requests as rolling JSON Lines files, one file at a time per (endpoint, deployment),
 * so the request path only pays for a non-blocking queue offer. Three parts, two threads: the
 * writer thread takes batches off the queue and appends their rows ({@link JsonLinesFormat}, the
 * format {@link CollectedRecords} documents and reads) to the deployment's open file
 * ({@link RollingFiles}); rolled files go to the sink on the sink thread ({@link SinkWriter}), so a
 * slow store never stops the queue from draining.
 *
 * <p>A file is written through the sink at {@link CollectedFileName#path()}
 * ({@code YYYY/MM/DD/HH/<hostId>-<firstTimestampMillis>-<seq>.jsonl}) once it reaches
 * {@link Settings#maxFileBytes()}, once it is {@link Settings#maxFileAge()} old, when a record of a
 * later UTC hour arrives, at {@link #flush} and at {@link #close()}. Files are never overwritten: the host id keeps
 * replicas apart and the sequence number this collector's files; should a name exist anyway (a
 * restarted host), the file takes the next sequence number.
 *
 * <p>Nothing here throws into the request path. When the queue is full, {@link #offer} drops the
 * batch and counts it. When the sink fails, the file is retried a few times
 * ({@link Settings#sinkAttempts()}, backing off from {@link Settings#retryDelay()}), then kept in
 * memory and tried again every {@link Settings#maxFileAge()}, newer files joining it without being
 * tried meanwhile, up to {@link Settings#maxPendingBytes()}; past that bound the oldest kept files
 * are dropped and their rows counted. While the sink works but is slower than the traffic, the
 * files waiting for it are bounded by the same number of bytes and then the queue fills: offers
 * are refused and counted, as they are when the queue's own bounds are reached. A sink that refuses a file as invalid is not retried. Memory is bounded
 * by the queue, the open files and {@link Settings#maxPendingBytes()}.
 */
public final class RollingDataCollector implements DataCollector {
  private static final Logger LOG = LoggerFactory.getLogger(RollingDataCollector.class);
  /** How long the idle writer naps between looks at the queue (the queue holds far more than this much traffic). */
  private static final long IDLE_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** Wakes the writer thread (on close); never written. */
  private static final CollectedBatch WAKE = new CollectedBatch("", "", "", 0, "", 0, List.of(), new double[0][],
      new Predictions(List.of(), List.of(), new double[0][]));

  /**
   * How the collector buffers, rolls and retries. The queue holds at most {@code queueCapacity}
   * batches (requests) and about {@code maxQueuedRows} rows, whichever bound comes first;
   * a file rolls at {@code maxFileBytes} or {@code maxFileAge}; a failing sink is tried
   * {@code sinkAttempts} times per file, waiting {@code retryDelay}, then twice that, and so on;
   * at most {@code maxPendingBytes} of unwritten files are kept; {@link #close()} waits at most
   * {@code closeTimeout} for the last writes.
   */
  public record Settings(int queueCapacity, long maxQueuedRows, long maxFileBytes, Duration maxFileAge,
      int sinkAttempts, Duration retryDelay, long maxPendingBytes, Duration closeTimeout) {
    public Settings {
      if (queueCapacity < 1 || maxQueuedRows < 1 || maxFileBytes < 1 || maxPendingBytes < 0 || sinkAttempts < 1) {
        throw new IllegalArgumentException("data collection needs a queue of at least 1 batch and 1 row, files of at "
            + "least 1 byte, at least 1 sink attempt and a non-negative pending bound; got " + queueCapacity + ", "
            + maxQueuedRows + ", " + maxFileBytes + ", " + sinkAttempts + ", " + maxPendingBytes);
      }
      for (Duration d : List.of(maxFileAge, retryDelay, closeTimeout)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("data collection durations must be positive, got " + d);
        }
      }
    }

    /**
     * 65,536 queued requests and 262,144 queued rows (about a second of single-row traffic at the
     * host's top speed, some 40 MB), 4 MB or 10 s files ({@link CollectedDataFlush#MAX_WRITE_DELAY}),
     * 3 attempts from 100 ms, 64 MB kept while the sink fails, 30 s to close.
     */
    public static Settings defaults() {
      return new Settings(1 << 16, 1 << 18, 4L << 20, CollectedDataFlush.MAX_WRITE_DELAY, 3, Duration.ofMillis(100),
          64L << 20, Duration.ofSeconds(30));
    }

    public Settings withQueueCapacity(int batches) {
      return new Settings(batches, maxQueuedRows, maxFileBytes, maxFileAge, sinkAttempts, retryDelay, maxPendingBytes,
          closeTimeout);
    }

    public Settings withMaxQueuedRows(long rows) {
      return new Settings(queueCapacity, rows, maxFileBytes, maxFileAge, sinkAttempts, retryDelay, maxPendingBytes,
          closeTimeout);
    }

    public Settings withMaxFileBytes(long bytes) {
      return new Settings(queueCapacity, maxQueuedRows, bytes, maxFileAge, sinkAttempts, retryDelay, maxPendingBytes,
          closeTimeout);
    }

    public Settings withMaxFileAge(Duration age) {
      return new Settings(queueCapacity, maxQueuedRows, maxFileBytes, age, sinkAttempts, retryDelay, maxPendingBytes,
          closeTimeout);
    }

    public Settings withRetries(int attempts, Duration delay) {
      return new Settings(queueCapacity, maxQueuedRows, maxFileBytes, maxFileAge, attempts, delay, maxPendingBytes,
          closeTimeout);
    }

    public Settings withMaxPendingBytes(long bytes) {
      return new Settings(queueCapacity, maxQueuedRows, maxFileBytes, maxFileAge, sinkAttempts, retryDelay, bytes,
          closeTimeout);
    }

    public Settings withCloseTimeout(Duration timeout) {
      return new Settings(queueCapacity, maxQueuedRows, maxFileBytes, maxFileAge, sinkAttempts, retryDelay,
          maxPendingBytes, timeout);
    }
  }

  private final String hostId;
  private final Settings settings;
  private final BlockingQueue<CollectedBatch> queue;
  private final CollectorCounters counters = new CollectorCounters();
  /** Rows of the batches taken off the queue so far; written by the writer thread alone. */
  private volatile long takenRows;
  private final SinkWriter sinkWriter;
  private final RollingFiles files;
  private final Thread writer;
  private volatile boolean closing;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Flushes asked for: each waits for its own marker batch to come through the queue. */
  private final Map<CollectedBatch, CompletableFuture<Result>> flushes = new IdentityHashMap<>();

  public RollingDataCollector(CollectedDataSink sink, String hostId, Settings settings) {
    this.hostId = CollectedFileName.checkHostId(hostId);
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    AtomicLong sequence = new AtomicLong();
    this.sinkWriter = new SinkWriter(sink, hostId, settings, sequence, counters);
    this.files = new RollingFiles(hostId, settings, sequence, counters, sinkWriter::submit);
    this.writer = new Thread(this::run, "mloop-data-collector-" + hostId);
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * A host id for this process: the host name (HOSTNAME, else "host") and the process id, e.g.
   * {@code scoring-7f9c-4211}, so replicas on other machines and processes on one machine differ.
   */
  public static String localHostId() {
    String host = System.getenv("HOSTNAME");
    String name = host == null ? "host" : host.replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    if (name.isEmpty()) {
      name = "host";
    }
    String pid = "-" + ProcessHandle.current().pid();
    return name.substring(0, Math.min(name.length(), 64 - pid.length())) + pid;
  }

  @Override
  public boolean offer(CollectedBatch batch) {
    if (batch == null) {
      return false;
    }
    counters.offered.increment();
    int rows = batch.rows().length;
    long queuedRows = counters.queuedRows.sum() - takenRows;
    if (closing || (queuedRows > 0 && queuedRows + rows > settings.maxQueuedRows()) || !queue.offer(batch)) {
      counters.droppedBatches.increment();
      counters.droppedRows.add(rows);
      return false;
    }
    counters.queuedRows.add(rows);
    return true;
  }

  @Override
  public long dropped() {
    return counters.droppedBatches.sum();
  }

  public CollectorStats stats() {
    return new CollectorStats(counters.offered.sum(), counters.droppedBatches.sum(), counters.writtenFiles.sum(),
        counters.writtenRows.sum(), counters.droppedRows.sum(), counters.sinkFailures.sum(), sinkWriter.pendingFiles());
  }

  /**
   * Writes every batch offered before this call and every open file now (kept files are tried again
   * first), waiting at most {@code timeout}; returns the rows written and the rows still kept because
   * the sink fails. The collector's threads do the writing, so scoring never waits.
   */
  @Override
  public Result flush(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    CollectedBatch marker = new CollectedBatch("", "", "", 0, "flush", 0, List.of(), new double[0][],
        new Predictions(List.of(), List.of(), new double[0][]));
    CompletableFuture<Result> done = new CompletableFuture<>();
    synchronized (flushes) {
      flushes.put(marker, done);
    }
    try {
      // A full queue means the writer is busy draining it: the marker goes in as soon as there is room.
      while (!closing && !queue.offer(marker)) {
        if (System.nanoTime() - deadline >= 0) {
          return new Result(0, 0, false);
        }
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(1));
      }
      if (closing) {
        return new Result(0, 0, !writer.isAlive() && !sinkWriter.isAlive());
      }
      return done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return new Result(0, 0, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(0, 0, false);
    } finally {
      synchronized (flushes) {
        flushes.remove(marker);
      }
    }
  }

  /** Writes every batch queued and open file (waiting at most the close timeout for the sink), then stops. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closing = true;
    queue.offer(WAKE); // when the queue is full the writer is busy and sees the flag anyway
    try {
      writer.join(settings.closeTimeout().toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive() || sinkWriter.isAlive()) {
      LOG.warn("Data collector '{}' still writing after {}; the sink seems stuck, leaving it to finish in the background",
          hostId, settings.closeTimeout());
      return;
    }
    // Offers racing with close may have landed after the writer's last look.
    for (CollectedBatch b; (b = queue.poll()) != null; ) {
      if (b != WAKE) {
        counters.droppedBatches.increment();
        counters.droppedRows.add(b.rows().length);
      }
    }
  }

  // ---- the writer thread: batches into lines of open files

  private void run() {
    try {
      while (true) {
        CollectedBatch batch = queue.poll();
        if (batch == null) {
          // Nap instead of blocking on the queue: a writer blocked in poll() makes every offer wake it,
          // a system call on the scoring path per request. Napping a few milliseconds batches the wake-ups.
          long now = System.nanoTime();
          long wait = files.nextDeadline(now + IDLE_NAP_NANOS) - now;
          LockSupport.parkNanos(this, Math.max(0, Math.min(wait, IDLE_NAP_NANOS)));
          if (Thread.interrupted()) {
            break;
          }
          batch = queue.poll();
        }
        for (int n = 0; batch != null && n < 1024; n++) {
          take(batch);
          batch = n < 1023 ? queue.poll() : null;
        }
        files.rollAged(System.nanoTime());
        if (closing && queue.isEmpty()) {
          break;
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.error("Data collector '{}' stopped on an unexpected error; further batches are dropped", hostId, e);
      closing = true;
    }
    finish();
  }

  private void take(CollectedBatch b) {
    takenRows += b.rows().length; // the only writer
    if (b == WAKE) {
      return;
    }
    if (b.endpoint().isEmpty()) { // no scored request has an empty endpoint name: a flush's marker
      CompletableFuture<Result> done;
      synchronized (flushes) {
        done = flushes.get(b);
      }
      if (done != null) {
        long writtenBefore = counters.writtenRows.sum();
        files.rollAll();
        sinkWriter.flush(files.lastOrder(), writtenBefore, done);
      }
      return;
    }
    files.add(b);
  }

  /** At close: every open file rolled and handed to the sink writer, which gets until the close timeout. */
  private void finish() {
    long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
    sinkWriter.closing();
    try {
      files.rollAll();
    } catch (RuntimeException e) {
      LOG.error("Data collector '{}' could not roll its last files", hostId, e);
    }
    sinkWriter.finish(deadline, settings.closeTimeout().toMillis() + 500);
    // Flushes whose marker never came through: closing wrote (or dropped, and counted) what there was.
    synchronized (flushes) {
      flushes.values().forEach(done -> done.complete(new Result(0, 0, true)));
    }
  }
}
