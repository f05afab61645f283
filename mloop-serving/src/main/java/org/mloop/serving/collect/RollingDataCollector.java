package org.mloop.serving.collect;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.Retry;
import org.mloop.core.endpoints.CollectedDataFlush;
import org.mloop.core.endpoints.CollectedFileName;
import org.mloop.core.endpoints.CollectedRecords;
import org.mloop.runtime.Predictions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes scored requests as rolling JSON Lines files, one file at a time per (endpoint, deployment),
 * on one background thread, so the request path only pays for a non-blocking queue offer.
 *
 * <p>Each row of a batch becomes one line (the format {@link CollectedRecords} documents and reads):
 * <pre>{@code
 * {"correlation_id":"<requestId>","row":0,"timestamp":"2026-11-26T15:00:00.123Z","endpoint":"diabetes-prod",
 *  "deployment":"blue","model":"diabetes","model_version":7,
 *  "inputs":{"Pregnancies":0,"PlasmaGlucose":171,...,"DiabetesPedigree":1.21,"Age":21},
 *  "outputs":{"label":"1","probabilities":{"0":0.2,"1":0.8}}}
 * }</pre>
 * Inputs follow the batch's column order; integer values are written as integers, non-finite ones
 * as null. The timestamp is the batch's (the request's arrival), UTC with milliseconds.
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
 * are dropped and their rows counted. A sink that refuses a file as invalid is not retried.
 */
public final class RollingDataCollector implements DataCollector {
  private static final Logger LOG = LoggerFactory.getLogger(RollingDataCollector.class);
  private static final JsonFactory JSON = new JsonFactoryBuilder()
      .rootValueSeparator((String) null) // lines end with '\n', written explicitly
      .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
      .build();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_RENAMES = 5;
  /** How long the idle writer naps between looks at the queue (the queue holds far more than this much traffic). */
  private static final long IDLE_NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** Wakes the writer thread (on close); never written. */
  private static final CollectedBatch WAKE = new CollectedBatch("", "", "", 0, "", 0, List.of(), new double[0][],
      new Predictions(List.of(), List.of(), new double[0][]));

  private static final SerializedString F_CORRELATION_ID = new SerializedString("correlation_id");
  private static final SerializedString F_ROW = new SerializedString("row");
  private static final SerializedString F_TIMESTAMP = new SerializedString("timestamp");
  private static final SerializedString F_ENDPOINT = new SerializedString("endpoint");
  private static final SerializedString F_DEPLOYMENT = new SerializedString("deployment");
  private static final SerializedString F_MODEL = new SerializedString("model");
  private static final SerializedString F_MODEL_VERSION = new SerializedString("model_version");
  private static final SerializedString F_INPUTS = new SerializedString("inputs");
  private static final SerializedString F_OUTPUTS = new SerializedString("outputs");
  private static final SerializedString F_LABEL = new SerializedString("label");
  private static final SerializedString F_PROBABILITIES = new SerializedString("probabilities");

  /**
   * How the collector buffers, rolls and retries. {@code queueCapacity} is in batches (requests);
   * a file rolls at {@code maxFileBytes} or {@code maxFileAge}; a failing sink is tried
   * {@code sinkAttempts} times per file, waiting {@code retryDelay}, then twice that, and so on;
   * at most {@code maxPendingBytes} of unwritten files are kept; {@link #close()} waits at most
   * {@code closeTimeout} for the last writes.
   */
  public record Settings(int queueCapacity, long maxFileBytes, Duration maxFileAge, int sinkAttempts,
      Duration retryDelay, long maxPendingBytes, Duration closeTimeout) {
    public Settings {
      if (queueCapacity < 1 || maxFileBytes < 1 || maxPendingBytes < 0 || sinkAttempts < 1) {
        throw new IllegalArgumentException("data collection needs a queue of at least 1 batch, files of at least 1 byte, "
            + "at least 1 sink attempt and a non-negative pending bound; got " + queueCapacity + ", " + maxFileBytes
            + ", " + sinkAttempts + ", " + maxPendingBytes);
      }
      for (Duration d : List.of(maxFileAge, retryDelay, closeTimeout)) {
        if (d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("data collection durations must be positive, got " + d);
        }
      }
    }

    /**
     * 8,192 queued requests, 4 MB or 10 s files ({@link CollectedDataFlush#MAX_WRITE_DELAY}), 3 attempts
     * from 100 ms, 64 MB kept while the sink fails, 30 s to close.
     */
    public static Settings defaults() {
      return new Settings(8192, 4L << 20, CollectedDataFlush.MAX_WRITE_DELAY, 3, Duration.ofMillis(100), 64L << 20,
          Duration.ofSeconds(30));
    }

    public Settings withQueueCapacity(int batches) {
      return new Settings(batches, maxFileBytes, maxFileAge, sinkAttempts, retryDelay, maxPendingBytes, closeTimeout);
    }

    public Settings withMaxFileBytes(long bytes) {
      return new Settings(queueCapacity, bytes, maxFileAge, sinkAttempts, retryDelay, maxPendingBytes, closeTimeout);
    }

    public Settings withMaxFileAge(Duration age) {
      return new Settings(queueCapacity, maxFileBytes, age, sinkAttempts, retryDelay, maxPendingBytes, closeTimeout);
    }

    public Settings withRetries(int attempts, Duration delay) {
      return new Settings(queueCapacity, maxFileBytes, maxFileAge, attempts, delay, maxPendingBytes, closeTimeout);
    }

    public Settings withMaxPendingBytes(long bytes) {
      return new Settings(queueCapacity, maxFileBytes, maxFileAge, sinkAttempts, retryDelay, bytes, closeTimeout);
    }

    public Settings withCloseTimeout(Duration timeout) {
      return new Settings(queueCapacity, maxFileBytes, maxFileAge, sinkAttempts, retryDelay, maxPendingBytes, timeout);
    }
  }

  private final CollectedDataSink sink;
  private final String hostId;
  private final Settings settings;
  private final BlockingQueue<CollectedBatch> queue;
  private final Thread writer;
  private volatile boolean closing;
  private final AtomicBoolean closed = new AtomicBoolean();

  private final LongAdder offered = new LongAdder();
  private final LongAdder droppedBatches = new LongAdder();
  private final LongAdder droppedRows = new LongAdder();
  private final AtomicLong writtenFiles = new AtomicLong();
  private final AtomicLong writtenRows = new AtomicLong();
  private final AtomicLong sinkFailures = new AtomicLong();
  private volatile int pendingCount;
  /** Flushes asked for: each waits for its own marker batch to come through the queue. */
  private final Map<CollectedBatch, CompletableFuture<Result>> flushes = new IdentityHashMap<>();

  // Owned by the writer thread.
  private final Map<Key, OpenFile> open = new HashMap<>();
  private final ArrayDeque<RolledFile> pending = new ArrayDeque<>();
  private long pendingBytes;
  private long nextPendingAttempt;
  private long seq;
  private final Scratch scratch = new Scratch();
  private final Map<String, SerializedString> quotedCache = new HashMap<>();
  private JsonGenerator generator;
  private long lastTimestamp = Long.MIN_VALUE;
  private SerializedString lastTimestampText;

  public RollingDataCollector(CollectedDataSink sink, String hostId, Settings settings) {
    this.sink = sink;
    this.hostId = CollectedFileName.checkHostId(hostId);
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
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
    offered.increment();
    if (closing || !queue.offer(batch)) {
      droppedBatches.increment();
      droppedRows.add(batch.rows().length);
      return false;
    }
    return true;
  }

  @Override
  public long dropped() {
    return droppedBatches.sum();
  }

  public CollectorStats stats() {
    return new CollectorStats(offered.sum(), droppedBatches.sum(), writtenFiles.get(), writtenRows.get(),
        droppedRows.sum(), sinkFailures.get(), pendingCount);
  }

  /**
   * Writes every batch offered before this call and every open file now (kept files are tried again
   * first), waiting at most {@code timeout}; returns the rows written and the rows still kept because
   * the sink fails. The writer thread does the writing, between batches, so scoring never waits.
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
        return new Result(0, 0, !writer.isAlive());
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
    if (writer.isAlive()) {
      LOG.warn("Data collector '{}' still writing after {}; the sink seems stuck, leaving it to finish in the background",
          hostId, settings.closeTimeout());
      return;
    }
    // Offers racing with close may have landed after the writer's last look.
    for (CollectedBatch b; (b = queue.poll()) != null; ) {
      if (b != WAKE) {
        droppedBatches.increment();
        droppedRows.add(b.rows().length);
      }
    }
  }

  // ---- the writer thread

  private void run() {
    try {
      while (true) {
        long wait = Math.max(0, Math.min(nextDeadline() - System.nanoTime(), TimeUnit.SECONDS.toNanos(1)));
        CollectedBatch batch = queue.poll();
        if (batch == null) {
          // Nap instead of blocking on the queue: a writer blocked in poll() makes every offer wake it,
          // a system call on the scoring path per request. Napping a few milliseconds batches the wake-ups.
          LockSupport.parkNanos(this, Math.min(wait, IDLE_NAP_NANOS));
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
          batch = queue.poll();
        }
        for (int n = 0; batch != null && n < 1024; n++) {
          append(batch);
          batch = n < 1023 ? queue.poll() : null;
        }
        long now = System.nanoTime();
        for (OpenFile f : new ArrayList<>(open.values())) {
          if (now - f.openedNanos >= settings.maxFileAge().toNanos()) {
            roll(f);
          }
        }
        if (!pending.isEmpty() && now - nextPendingAttempt >= 0) {
          retryPending();
        }
        if (closing && queue.isEmpty()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      LOG.error("Data collector '{}' stopped on an unexpected error; further batches are dropped", hostId, e);
      closing = true;
    }
    finish();
  }

  private long nextDeadline() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
    for (OpenFile f : open.values()) {
      deadline = Math.min(deadline, f.openedNanos + settings.maxFileAge().toNanos());
    }
    if (!pending.isEmpty()) {
      deadline = Math.min(deadline, nextPendingAttempt);
    }
    return deadline;
  }

  private void append(CollectedBatch b) {
    if (b == WAKE) {
      return;
    }
    if (b.endpoint().isEmpty()) { // no scored request has an empty endpoint name: a flush's marker
      CompletableFuture<Result> done;
      synchronized (flushes) {
        done = flushes.get(b);
      }
      if (done != null) {
        done.complete(flushNow());
      }
      return;
    }
    Key key = new Key(b.endpoint(), b.deployment());
    OpenFile f = open.get(key);
    if (f != null && b.timestamp() >= f.hourEnd) {
      roll(f);
      f = null;
    }
    scratch.reset();
    try {
      serialize(b);
    } catch (IOException | RuntimeException e) {
      generator = null; // it may have stopped half-way through a record
      scratch.reset();
      droppedRows.add(b.rows().length);
      LOG.warn("Dropped collected request '{}' of {}/{}: it could not be written as JSON: {}", b.requestId(),
          b.endpoint(), b.deployment(), e.toString());
      return;
    }
    if (f == null) {
      f = new OpenFile(key, b.timestamp(), System.nanoTime());
      open.put(key, f);
    }
    scratch.appendTo(f.content);
    f.rows += b.rows().length;
    if (f.content.size() >= settings.maxFileBytes()) {
      roll(f);
    }
  }

  /** Writes the batch's rows into {@link #scratch}, through one generator kept for the writer thread. */
  private void serialize(CollectedBatch b) throws IOException {
    if (generator == null) {
      generator = JSON.createGenerator(scratch);
    }
    JsonGenerator g = generator;
    SerializedString timestamp = timestampText(b.timestamp());
    SerializedString endpoint = quoted(b.endpoint());
    SerializedString deployment = quoted(b.deployment());
    SerializedString model = quoted(b.modelName());
    Predictions p = b.predictions();
    List<String> columns = b.columns();
    for (int r = 0; r < b.rows().length; r++) {
      double[] row = b.rows()[r];
      g.writeStartObject();
      g.writeFieldName(F_CORRELATION_ID);
      g.writeString(b.requestId());
      g.writeFieldName(F_ROW);
      g.writeNumber(r);
      g.writeFieldName(F_TIMESTAMP);
      g.writeString(timestamp);
      g.writeFieldName(F_ENDPOINT);
      g.writeString(endpoint);
      g.writeFieldName(F_DEPLOYMENT);
      g.writeString(deployment);
      g.writeFieldName(F_MODEL);
      g.writeString(model);
      g.writeFieldName(F_MODEL_VERSION);
      g.writeNumber(b.modelVersion());
      g.writeFieldName(F_INPUTS);
      g.writeStartObject();
      for (int c = 0; c < columns.size(); c++) {
        g.writeFieldName(quoted(columns.get(c)));
        writeValue(g, row[c]);
      }
      g.writeEndObject();
      g.writeFieldName(F_OUTPUTS);
      g.writeStartObject();
      g.writeFieldName(F_LABEL);
      String label = r < p.labels().size() ? p.labels().get(r) : null;
      if (label == null) {
        g.writeNull();
      } else {
        g.writeString(quoted(label));
      }
      if (p.probabilities() != null && r < p.probabilities().length && p.probabilities()[r] != null) {
        double[] probabilities = p.probabilities()[r];
        g.writeFieldName(F_PROBABILITIES);
        g.writeStartObject();
        for (int k = 0; k < p.classes().size() && k < probabilities.length; k++) {
          g.writeFieldName(quoted(p.classes().get(k)));
          writeValue(g, probabilities[k]);
        }
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeRaw('\n');
    }
    g.flush();
  }

  /**
   * Names, deployments, columns and classes repeat in every record: they are escaped and encoded
   * once. The cache is cleared should it ever grow large, so odd inputs cannot hold memory.
   */
  private SerializedString quoted(String s) {
    SerializedString q = quotedCache.get(s);
    if (q == null) {
      if (quotedCache.size() >= 10_000) {
        quotedCache.clear();
      }
      q = new SerializedString(s);
      quotedCache.put(s, q);
    }
    return q;
  }

  /** Integer values as integers (a count reads as 3, not 3.0), non-finite ones as null (JSON has no NaN). */
  private static void writeValue(JsonGenerator g, double v) throws IOException {
    if (!Double.isFinite(v)) {
      g.writeNull();
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }

  /** Rows of a request, and often consecutive requests, share a timestamp: format it once. */
  private SerializedString timestampText(long millis) {
    if (millis != lastTimestamp) {
      lastTimestampText = new SerializedString(TIMESTAMP.format(Instant.ofEpochMilli(millis)));
      lastTimestamp = millis;
    }
    return lastTimestampText;
  }

  private void roll(OpenFile f) {
    open.remove(f.key);
    RolledFile file = new RolledFile(f.key, new CollectedFileName(hostId, Math.max(0, f.firstTimestamp), seq++),
        f.content.toByteArray(), f.rows);
    if (!pending.isEmpty()) {
      // The sink failed lately: join the queue of kept files rather than wait on it again now.
      keep(file);
      return;
    }
    if (!writeWithRetries(file)) {
      keep(file);
      nextPendingAttempt = System.nanoTime() + settings.maxFileAge().toNanos();
    }
  }

  /** A flush on the writer thread: kept files tried again, then every open file rolled. */
  private Result flushNow() {
    long before = writtenRows.get();
    if (!pending.isEmpty()) {
      retryPending();
    }
    for (OpenFile f : new ArrayList<>(open.values())) {
      roll(f);
    }
    long held = 0;
    for (RolledFile f : pending) {
      held += f.rows;
    }
    return new Result(writtenRows.get() - before, held, true);
  }

  /** Tries the sink up to sinkAttempts times, backing off; false when the file should be kept for later. */
  private boolean writeWithRetries(RolledFile file) {
    return Retry.attempts(settings.sinkAttempts())
        .exponentialDelay(settings.retryDelay(), settings.maxFileAge())
        .callUntil(() -> tryWrite(file), outcome -> outcome != Outcome.FAILED) != Outcome.FAILED;
  }

  private enum Outcome { WRITTEN, DROPPED, FAILED }

  private Outcome tryWrite(RolledFile file) {
    for (int renames = 0; ; renames++) {
      try {
        sink.write(file.key.endpoint(), file.key.deployment(), file.name.path(), file.content);
        writtenFiles.incrementAndGet();
        writtenRows.addAndGet(file.rows);
        return Outcome.WRITTEN;
      } catch (MloopException e) {
        if (e.code() == ErrorCode.RESOURCE_ALREADY_EXISTS) {
          if (file.attempts > 0) {
            // An earlier attempt that seemed to fail got through: the file is there.
            writtenFiles.incrementAndGet();
            writtenRows.addAndGet(file.rows);
            return Outcome.WRITTEN;
          }
          if (renames < MAX_RENAMES) {
            file.name = new CollectedFileName(hostId, file.name.firstTimestamp(), seq++);
            continue;
          }
        }
        if (e.code() == ErrorCode.INVALID_PARAMETER_VALUE) {
          droppedRows.add(file.rows);
          LOG.warn("Dropped collected data file '{}' of {}/{} ({} rows): the store refused it: {}", file.name.path(),
              file.key.endpoint(), file.key.deployment(), file.rows, e.getMessage());
          return Outcome.DROPPED;
        }
        failed(file, e);
        return Outcome.FAILED;
      } catch (RuntimeException e) {
        failed(file, e);
        return Outcome.FAILED;
      }
    }
  }

  private void failed(RolledFile file, RuntimeException e) {
    file.attempts++;
    sinkFailures.incrementAndGet();
    if (file.attempts == 1) {
      LOG.warn("Could not write collected data file '{}' of {}/{} ({} rows); retrying: {}", file.name.path(),
          file.key.endpoint(), file.key.deployment(), file.rows, e.toString());
    }
  }

  /** Keeps a file the sink did not take, dropping the oldest kept ones past the memory bound. */
  private void keep(RolledFile file) {
    pending.addLast(file);
    pendingBytes += file.content.length;
    while (pendingBytes > settings.maxPendingBytes() && !pending.isEmpty()) {
      drop(pending.removeFirst(), "more than " + settings.maxPendingBytes() + " bytes wait for the sink");
    }
    pendingCount = pending.size();
  }

  private void drop(RolledFile file, String why) {
    pendingBytes -= file.content.length;
    droppedRows.add(file.rows);
    LOG.warn("Dropped collected data file '{}' of {}/{} ({} rows): {}", file.name.path(), file.key.endpoint(),
        file.key.deployment(), file.rows, why);
  }

  /** One attempt per kept file, oldest first, stopping at the first failure (the sink is still down). */
  private void retryPending() {
    while (!pending.isEmpty()) {
      RolledFile file = pending.peekFirst();
      if (tryWrite(file) == Outcome.FAILED) {
        nextPendingAttempt = System.nanoTime() + settings.maxFileAge().toNanos();
        return;
      }
      pending.removeFirst();
      pendingBytes -= file.content.length;
      pendingCount = pending.size();
    }
  }

  /** At close: roll every open file, then give kept files their retries until the close timeout. */
  private void finish() {
    long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
    for (OpenFile f : new ArrayList<>(open.values())) {
      roll(f);
    }
    boolean sinkDown = false;
    while (!pending.isEmpty()) {
      RolledFile file = pending.removeFirst();
      if (sinkDown || System.nanoTime() - deadline >= 0) {
        drop(file, "the collector closed while the sink was failing");
      } else if (!writeWithRetries(file)) {
        sinkDown = true;
        drop(file, "the sink still failed after " + settings.sinkAttempts() + " attempts at close");
      } else {
        pendingBytes -= file.content.length;
      }
      pendingCount = pending.size();
    }
    // Flushes whose marker never came through: closing wrote (or dropped, and counted) what there was.
    synchronized (flushes) {
      flushes.values().forEach(done -> done.complete(new Result(0, 0, true)));
    }
  }

  private record Key(String endpoint, String deployment) {}

  /** A batch is serialized here first, so a batch that fails half-way leaves its file intact. */
  private static final class Scratch extends ByteArrayOutputStream {
    Scratch() {
      super(1 << 14);
    }

    void appendTo(ByteArrayOutputStream out) {
      out.write(buf, 0, count);
    }
  }

  private static final class OpenFile {
    final Key key;
    final long firstTimestamp;
    final long hourEnd;
    final long openedNanos;
    final ByteArrayOutputStream content = new ByteArrayOutputStream(1 << 16);
    int rows;

    OpenFile(Key key, long firstTimestamp, long openedNanos) {
      this.key = key;
      this.firstTimestamp = firstTimestamp;
      this.hourEnd = CollectedFileName.hourEnd(firstTimestamp);
      this.openedNanos = openedNanos;
    }
  }

  private static final class RolledFile {
    final Key key;
    final byte[] content;
    final int rows;
    CollectedFileName name;
    int attempts;

    RolledFile(Key key, CollectedFileName name, byte[] content, int rows) {
      this.key = key;
      this.name = name;
      this.content = content;
      this.rows = rows;
    }
  }
}
