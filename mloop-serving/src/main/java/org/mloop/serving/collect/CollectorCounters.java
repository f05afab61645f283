package org.mloop.serving.collect;

import java.util.concurrent.atomic.LongAdder;

/** What a collector's parts count, read together by {@link RollingDataCollector#stats()}. */
final class CollectorCounters {
  final LongAdder offered = new LongAdder();
  /** Rows of the batches queued so far (accepted offers). */
  final LongAdder queuedRows = new LongAdder();
  final LongAdder droppedBatches = new LongAdder();
  final LongAdder droppedRows = new LongAdder();
  final LongAdder writtenFiles = new LongAdder();
  final LongAdder writtenRows = new LongAdder();
  final LongAdder sinkFailures = new LongAdder();

  void written(RolledFile file) {
    writtenFiles.increment();
    writtenRows.add(file.rows);
  }
}
