package org.mloop.serving.collect;

import org.mloop.core.endpoints.CollectedDataFlush;

/**
 * Takes scored requests and writes them, later and on another thread, as rolling files of
 * collected data. {@link #offer} never blocks: when the buffer is full the batch is dropped and
 * counted, so collection can never slow scoring down or make it fail. {@link #flush} writes what it
 * holds at once, for a monitor run about to read the latest rows.
 */
public interface DataCollector extends CollectedDataFlush, AutoCloseable {
  /** Hands a batch over; false when it was dropped because the buffer is full. */
  boolean offer(CollectedBatch batch);

  /** Batches dropped so far. */
  long dropped();

  /** Writes everything buffered, then stops. */
  @Override
  void close();
}
