package org.mloop.serving.collect;

/**
 * What a data collector did so far. Batches are scored requests; rows are records. A batch offered
 * while the buffer was full is a dropped batch, and its rows count as dropped rows, as do the rows of
 * files given up on because the sink kept failing past the memory bound or at close.
 */
public record CollectorStats(long offeredBatches, long droppedBatches, long writtenFiles, long writtenRows,
    long droppedRows, long sinkFailures, int pendingFiles) {}
