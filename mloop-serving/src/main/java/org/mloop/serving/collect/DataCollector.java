package org.mloop.serving.collect;

/**
 * Takes scored requests and writes them, later and on another thread, as rolling files of
 * collected data. {@link #offer} never blocks: when the buffer is full the batch is dropped and
 * counted, so collection can never slow scoring down or make it fail.
 */
public interface DataCollector extends AutoCloseable {
  /** Hands a batch over; false when it was dropped because the buffer is full. */
  boolean offer(CollectedBatch batch);

  /** Batches dropped so far. */
  long dropped();

  /** Writes everything buffered, then stops. */
  @Override
  void close();
}
