package org.mloop.serving.collect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.Retry;
import org.mloop.core.endpoints.CollectedDataFlush.Result;
import org.mloop.core.endpoints.CollectedFileName;
import org.mloop.serving.collect.RollingDataCollector.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes rolled files through the sink on its own thread, oldest first, so a slow store (a file
 * store syncs every file to disk) never holds up the thread turning scored requests into lines.
 *
 * <p>A file is tried {@link Settings#sinkAttempts()} times, backing off from
 * {@link Settings#retryDelay()}. When every attempt failed the sink counts as down: the file is kept
 * in memory and tried once every {@link Settings#maxFileAge()}, newer files joining it untried,
 * and past {@link Settings#maxPendingBytes()} of kept files the oldest are dropped and their rows
 * counted. While the sink works, files waiting for it are bounded by the same number of bytes: the
 * writer thread waits ({@link #submit}), so the collector's queue fills and its offers are refused
 * and counted rather than memory growing. A name the store already has takes the next sequence
 * number; a file the store refuses as invalid is dropped and counted, not retried.
 */
final class SinkWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);
  private static final int MAX_RENAMES = 5;
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final CollectedDataSink sink;
  private final String hostId;
  private final Settings settings;
  private final AtomicLong sequence;
  private final CollectorCounters counters;
  private final Thread thread;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  // Guarded by lock.
  private final ArrayDeque<RolledFile> waiting = new ArrayDeque<>();
  private long waitingBytes;
  /** The head of {@link #waiting} while the sink writes it: never dropped meanwhile. */
  private RolledFile attempting;
  private boolean down;
  private long nextAttempt;
  private final List<Flush> flushes = new ArrayList<>();
  private boolean closing;
  private long finishDeadline;
  private boolean finishing;
  private volatile int pendingFiles;

  /** A flush waits for every file rolled up to {@code lastOrder}. */
  private record Flush(long lastOrder, long writtenBefore, CompletableFuture<Result> done) {}

  SinkWriter(CollectedDataSink sink, String hostId, Settings settings, AtomicLong sequence,
      CollectorCounters counters) {
    this.sink = sink;
    this.hostId = hostId;
    this.settings = settings;
    this.sequence = sequence;
    this.counters = counters;
    this.thread = new Thread(this::run, "mloop-data-collector-sink-" + hostId);
    thread.setDaemon(true);
    thread.start();
  }

  /** Files waiting for the sink (kept while it fails, or queued while it is slow). */
  int pendingFiles() {
    return pendingFiles;
  }

  /**
   * Hands a rolled file over. Waits while files of more than the memory bound wait for a sink that
   * works, and never while it is down (then the oldest kept files are dropped instead) or closing.
   */
  void submit(RolledFile file) {
    lock.lock();
    try {
      while (!down && !closing && !waiting.isEmpty() && thread.isAlive()
          && waitingBytes + file.content.length > settings.maxPendingBytes()) {
        changed.awaitUninterruptibly();
      }
      if (!thread.isAlive() && !finishing) {
        drop(file, "the collector's sink thread stopped");
        return;
      }
      waiting.addLast(file);
      waitingBytes += file.content.length;
      if (down) {
        trim("more than " + settings.maxPendingBytes() + " bytes wait for the sink");
      }
      pendingFiles = waiting.size();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Completes {@code done} once every file rolled up to {@code lastOrder} is written (kept files are
   * tried again at once) or the sink fails on one of them: the rows written since
   * {@code writtenBefore} and the rows still kept.
   */
  void flush(long lastOrder, long writtenBefore, CompletableFuture<Result> done) {
    lock.lock();
    try {
      flushes.add(new Flush(lastOrder, writtenBefore, done));
      completeFlushes(false);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** No more waiting in {@link #submit}: the collector is closing and rolls its last files. */
  void closing() {
    lock.lock();
    try {
      closing = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes what waits (until {@code deadlineNanos}, each file with its retries; once the sink failed
   * at close, the rest is dropped and counted), then stops; waits for that at most {@code waitMillis}.
   */
  void finish(long deadlineNanos, long waitMillis) {
    lock.lock();
    try {
      closing = true;
      finishing = true;
      finishDeadline = deadlineNanos;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      thread.join(Math.max(1, waitMillis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    return thread.isAlive();
  }

  // ---- the sink thread

  private void run() {
    try {
      while (true) {
        RolledFile file;
        boolean once;
        lock.lock();
        try {
          file = next();
          if (file == null) {
            break; // finishing
          }
          once = down;
          attempting = file;
        } finally {
          lock.unlock();
        }
        Outcome outcome = once ? tryWrite(file) : writeWithRetries(file);
        lock.lock();
        try {
          attempting = null;
          if (outcome == Outcome.FAILED) {
            down = true;
            nextAttempt = System.nanoTime() + settings.maxFileAge().toNanos();
            trim("more than " + settings.maxPendingBytes() + " bytes wait for the sink");
            completeFlushes(true);
          } else {
            down = false;
            remove(file);
            completeFlushes(false);
          }
          pendingFiles = waiting.size();
          changed.signalAll();
        } finally {
          lock.unlock();
        }
      }
      finishWriting();
    } catch (RuntimeException | Error e) {
      LOG.error("Data collector '{}' stopped writing files on an unexpected error; further files are dropped",
          hostId, e);
      lock.lock();
      try {
        while (!waiting.isEmpty()) {
          RolledFile f = waiting.removeFirst();
          waitingBytes -= f.content.length;
          drop(f, "the collector's sink thread stopped");
        }
        pendingFiles = 0;
        flushes.forEach(f -> f.done.complete(new Result(0, 0, true)));
        flushes.clear();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * The next file to try, waiting for one (and, while the sink is down, for the next attempt unless a
   * flush asks for one now); null once finishing. Holds the lock.
   */
  private RolledFile next() {
    try {
      while (!finishing) {
        long now = System.nanoTime();
        if (waiting.isEmpty()) {
          changed.awaitNanos(IDLE_WAIT_NANOS);
        } else if (down && flushes.isEmpty() && nextAttempt - now > 0) {
          changed.awaitNanos(nextAttempt - now);
        } else {
          return waiting.peekFirst();
        }
      }
    } catch (InterruptedException e) {
      // Nobody interrupts this thread but the JVM going down: write what waits, as at close.
      finishing = true;
      finishDeadline = System.nanoTime() + settings.closeTimeout().toNanos();
    }
    return null;
  }

  /** At close: every waiting file with its retries until the deadline; once the sink fails, drops the rest. */
  private void finishWriting() {
    boolean sinkDown = false;
    while (true) {
      RolledFile file;
      lock.lock();
      try {
        file = waiting.peekFirst();
        if (file == null) {
          break;
        }
      } finally {
        lock.unlock();
      }
      if (sinkDown || System.nanoTime() - finishDeadline >= 0) {
        drop(file, "the collector closed while the sink was failing");
      } else if (writeWithRetries(file) == Outcome.FAILED) {
        sinkDown = true;
        drop(file, "the sink still failed after " + settings.sinkAttempts() + " attempts at close");
      }
      lock.lock();
      try {
        remove(file);
        pendingFiles = waiting.size();
      } finally {
        lock.unlock();
      }
    }
    lock.lock();
    try {
      // Flushes still waiting: closing wrote (or dropped, and counted) what there was.
      flushes.forEach(f -> f.done.complete(new Result(counters.writtenRows.sum() - f.writtenBefore, 0, true)));
      flushes.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void remove(RolledFile file) {
    if (waiting.remove(file)) {
      waitingBytes -= file.content.length;
    }
  }

  /** Drops the oldest kept files (never the one being written) while more than the bound wait. */
  private void trim(String why) {
    var it = waiting.iterator();
    while (waitingBytes > settings.maxPendingBytes() && it.hasNext()) {
      RolledFile f = it.next();
      if (f == attempting) {
        continue;
      }
      it.remove();
      waitingBytes -= f.content.length;
      drop(f, why);
    }
  }

  /**
   * Completes the flushes whose files are all written; after a failure ({@code failed}), every
   * flush: its rolled files are kept for later, and it says how many rows they hold.
   */
  private void completeFlushes(boolean failed) {
    if (flushes.isEmpty()) {
      return;
    }
    long oldest = waiting.isEmpty() ? Long.MAX_VALUE : waiting.peekFirst().order;
    for (var it = flushes.iterator(); it.hasNext(); ) {
      Flush f = it.next();
      if (failed || oldest > f.lastOrder) {
        long held = 0;
        for (RolledFile w : waiting) {
          if (w.order <= f.lastOrder) {
            held += w.rows;
          }
        }
        f.done.complete(new Result(counters.writtenRows.sum() - f.writtenBefore, held, true));
        it.remove();
      }
    }
  }

  private void drop(RolledFile file, String why) {
    counters.droppedRows.add(file.rows);
    LOG.warn("Dropped collected data file {}: {}", file.describe(), why);
  }

  // ---- one file

  private enum Outcome { WRITTEN, DROPPED, FAILED }

  /** Tries the sink up to sinkAttempts times, backing off. */
  private Outcome writeWithRetries(RolledFile file) {
    return Retry.attempts(settings.sinkAttempts())
        .exponentialDelay(settings.retryDelay(), settings.maxFileAge())
        .callUntil(() -> tryWrite(file), outcome -> outcome != Outcome.FAILED);
  }


  private Outcome tryWrite(RolledFile file) {
    for (int renames = 0; ; renames++) {
      try {
        sink.write(file.endpoint, file.deployment, file.name.path(), file.content);
        counters.written(file);
        return Outcome.WRITTEN;
      } catch (MloopException e) {
        if (e.code() == ErrorCode.RESOURCE_ALREADY_EXISTS) {
          if (file.attempts > 0) {
            // An earlier attempt that seemed to fail got through: the file is there.
            counters.written(file);
            return Outcome.WRITTEN;
          }
          if (renames < MAX_RENAMES) {
            file.name = new CollectedFileName(hostId, file.name.firstTimestamp(), sequence.getAndIncrement());
            continue;
          }
        }
        if (e.code() == ErrorCode.INVALID_PARAMETER_VALUE) {
          counters.droppedRows.add(file.rows);
          LOG.warn("Dropped collected data file {}: the store refused it: {}", file.describe(), e.getMessage());
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
    counters.sinkFailures.increment();
    if (file.attempts == 1) {
      LOG.warn("Could not write collected data file {}; retrying: {}", file.describe(), e.toString());
    }
  }
}
