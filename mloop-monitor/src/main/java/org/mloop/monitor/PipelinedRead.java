package org.mloop.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mloop.core.endpoints.CollectedRecord;
import org.mloop.core.endpoints.CollectedRecords;

/**
 * Reads collected records on reader threads while the caller computes on them. Parsing the JSON
 * lines is most of a monitor run's time, so parts (one collected file each) are parsed in parallel,
 * part i by reader i mod N, and handed to the caller in batches through small bounded queues: memory
 * stays bounded whatever the window, and the caller takes the parts in order, so it sees the records
 * in exactly the order one thread would read them and results do not depend on thread timing.
 */
final class PipelinedRead {
  private static final int BATCH = 2048;
  private static final int BATCHES_IN_FLIGHT = 4;
  /** Ends a part in its reader's queue. */
  private static final List<CollectedRecord> PART_END = new ArrayList<>(0);

  private PipelinedRead() {}

  /** The readers a run uses: the cores, with one left for the statistics, and at least one. */
  static int readers() {
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /** Hands every record of [from, to) of each part to {@code sink}, on the calling thread, in part order. */
  static void forEach(List<CollectedRecords> parts, Instant from, Instant to, int readers,
      Consumer<CollectedRecord> sink) {
    int n = Math.max(1, Math.min(readers, parts.size()));
    List<BlockingQueue<List<CollectedRecord>>> queues = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    RuntimeException[] failures = new RuntimeException[n];
    for (int k = 0; k < n; k++) {
      BlockingQueue<List<CollectedRecord>> queue = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
      queues.add(queue);
      int reader = k;
      Thread t = new Thread(() -> read(parts, reader, n, from, to, queue, failures), "mloop-monitor-reader-" + k);
      t.setDaemon(true);
      threads.add(t);
    }
    threads.forEach(Thread::start);
    try {
      for (int i = 0; i < parts.size(); i++) {
        BlockingQueue<List<CollectedRecord>> queue = queues.get(i % n);
        Thread reader = threads.get(i % n);
        for (List<CollectedRecord> batch = take(queue, reader); batch != PART_END; batch = take(queue, reader)) {
          batch.forEach(sink);
        }
        RuntimeException failure = failures[i % n]; // written before its PART_END was queued
        if (failure != null) {
          throw failure;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading collected data", e);
    } finally {
      for (Thread t : threads) {
        t.interrupt(); // a no-op for readers that ended; stops the others when the caller failed
      }
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static void read(List<CollectedRecords> parts, int reader, int readers, Instant from, Instant to,
      BlockingQueue<List<CollectedRecord>> queue, RuntimeException[] failures) {
    try {
      for (int i = reader; i < parts.size(); i += readers) {
        List<List<CollectedRecord>> batch = new ArrayList<>(1);
        batch.add(new ArrayList<>(BATCH));
        try {
          parts.get(i).forEach(from, to, r -> {
            List<CollectedRecord> current = batch.get(0);
            current.add(r);
            if (current.size() == BATCH) {
              put(queue, current);
              batch.set(0, new ArrayList<>(BATCH));
            }
          });
          if (!batch.get(0).isEmpty()) {
            put(queue, batch.get(0));
          }
        } catch (Stopped e) {
          throw e;
        } catch (RuntimeException e) {
          failures[reader] = e;
          put(queue, PART_END);
          return;
        } catch (Error e) {
          // Out of memory on a huge line, say: the run fails with the reason instead of waiting forever.
          batch.clear();
          failures[reader] = new IllegalStateException("reading collected data failed: " + e, e);
          put(queue, PART_END);
          return;
        }
        put(queue, PART_END);
      }
    } catch (Stopped e) {
      // the caller stopped taking batches
    }
  }

  /** The next batch from a reader's queue; fails instead of waiting forever when the reader died without a word. */
  private static List<CollectedRecord> take(BlockingQueue<List<CollectedRecord>> queue, Thread reader)
      throws InterruptedException {
    while (true) {
      List<CollectedRecord> batch = queue.poll(200, TimeUnit.MILLISECONDS);
      if (batch != null) {
        return batch;
      }
      if (!reader.isAlive() && queue.isEmpty()) {
        throw new IllegalStateException("reader thread " + reader.getName() + " ended without finishing its part of"
            + " the collected data; see the log for its error");
      }
    }
  }

  private static void put(BlockingQueue<List<CollectedRecord>> queue, List<CollectedRecord> batch) {
    try {
      while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
        if (Thread.currentThread().isInterrupted()) {
          throw new Stopped();
        }
      }
    } catch (InterruptedException e) {
      throw new Stopped();
    }
  }

  /** Unwinds a reader when the caller stopped taking batches. */
  private static final class Stopped extends RuntimeException {
    Stopped() {
      super(null, null, false, false);
    }
  }
}
