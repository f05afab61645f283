package org.mloop.serving.collect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.mloop.core.endpoints.CollectedFileName;
import org.mloop.serving.protocol.JsonBytes;
import org.mloop.serving.collect.RollingDataCollector.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open collected-data files of a collector, one per (endpoint, deployment), each growing by
 * whole batches. A file rolls (is handed to {@code rolled}) once it reaches
 * {@link Settings#maxFileBytes()}, once it is {@link Settings#maxFileAge()} old, before a record of
 * a later UTC hour joins it (each hour has its own folder), and when asked ({@link #rollAll}). Its
 * name is {@link CollectedFileName}'s, with the collector's next sequence number. Writer thread only.
 */
final class RollingFiles {
  private static final Logger LOG = LoggerFactory.getLogger(RollingFiles.class);

  private final String hostId;
  private final Settings settings;
  private final long maxAgeNanos;
  /** The collector's file sequence numbers, shared with the sink's renames. */
  private final AtomicLong sequence;
  private final CollectorCounters counters;
  private final Consumer<RolledFile> rolled;
  private final JsonLinesFormat format = new JsonLinesFormat();
  private final Map<Key, OpenFile> open = new HashMap<>();
  private long order;
  private Key lastKey;
  private OpenFile lastFile;

  private record Key(String endpoint, String deployment) {}

  private static final class OpenFile {
    final Key key;
    final long firstTimestamp;
    final long hourEnd;
    final long openedNanos;
    final JsonBytes content = new JsonBytes(1 << 16);
    int rows;

    OpenFile(Key key, long firstTimestamp, long openedNanos) {
      this.key = key;
      this.firstTimestamp = firstTimestamp;
      this.hourEnd = CollectedFileName.hourEnd(firstTimestamp);
      this.openedNanos = openedNanos;
    }
  }

  RollingFiles(String hostId, Settings settings, AtomicLong sequence, CollectorCounters counters,
      Consumer<RolledFile> rolled) {
    this.hostId = hostId;
    this.settings = settings;
    this.maxAgeNanos = settings.maxFileAge().toNanos();
    this.sequence = sequence;
    this.counters = counters;
    this.rolled = rolled;
  }

  /**
   * Adds the batch's rows to its deployment's file. A batch that cannot be written as JSON (rows
   * shorter than its columns) is dropped, counted and logged; the file around it stays intact.
   */
  void add(CollectedBatch b) {
    OpenFile f = file(b.endpoint(), b.deployment());
    if (f != null && b.timestamp() >= f.hourEnd) {
      roll(f);
      f = null;
    }
    if (f == null) {
      Key key = new Key(b.endpoint(), b.deployment());
      f = new OpenFile(key, b.timestamp(), System.nanoTime());
      open.put(key, f);
      lastKey = key;
      lastFile = f;
    }
    int mark = f.content.size();
    try {
      format.append(b, f.content);
    } catch (RuntimeException e) {
      f.content.truncate(mark);
      counters.droppedRows.add(b.rows().length);
      LOG.warn("Dropped collected request '{}' of {}/{}: it could not be written as JSON: {}", b.requestId(),
          b.endpoint(), b.deployment(), e.toString());
      if (f.rows == 0 && f.content.size() == 0) {
        forget(f);
      }
      return;
    }
    f.rows += b.rows().length;
    if (f.content.size() >= settings.maxFileBytes()) {
      roll(f);
    }
  }

  /** The open file of a deployment; consecutive batches are usually of the same one. */
  private OpenFile file(String endpoint, String deployment) {
    Key k = lastKey;
    if (k != null && k.endpoint.equals(endpoint) && k.deployment.equals(deployment)) {
      return lastFile;
    }
    Key key = new Key(endpoint, deployment);
    OpenFile f = open.get(key);
    if (f != null) {
      lastKey = key;
      lastFile = f;
    }
    return f;
  }

  /** Rolls the files that reached their age. */
  void rollAged(long nowNanos) {
    if (open.isEmpty()) {
      return;
    }
    for (OpenFile f : new ArrayList<>(open.values())) {
      if (nowNanos - f.openedNanos >= maxAgeNanos) {
        roll(f);
      }
    }
  }

  void rollAll() {
    for (OpenFile f : new ArrayList<>(open.values())) {
      roll(f);
    }
  }

  /** The order of the last file rolled (-1 before the first): what a flush waits for. */
  long lastOrder() {
    return order - 1;
  }

  /** When the oldest open file reaches its age, or {@code otherwise} when none is open. */
  long nextDeadline(long otherwise) {
    long deadline = otherwise;
    for (OpenFile f : open.values()) {
      deadline = Math.min(deadline, f.openedNanos + maxAgeNanos);
    }
    return deadline;
  }

  private void roll(OpenFile f) {
    forget(f);
    if (f.rows == 0) {
      return;
    }
    CollectedFileName name = new CollectedFileName(hostId, Math.max(0, f.firstTimestamp), sequence.getAndIncrement());
    rolled.accept(new RolledFile(f.key.endpoint, f.key.deployment, name, f.content.toByteArray(), f.rows, order++));
  }

  private void forget(OpenFile f) {
    open.remove(f.key);
    if (lastFile == f) {
      lastKey = null;
      lastFile = null;
    }
  }
}
