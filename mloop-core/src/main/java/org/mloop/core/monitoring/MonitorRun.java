package org.mloop.core.monitoring;

import java.util.List;

/**
 * One computed run of a monitor, stored whole (as JSON) with every metric and its threshold.
 *
 * @param id           assigned by the store (0 before it is stored), increasing per workspace
 * @param windowFrom   start of the production window, epoch millis, inclusive
 * @param windowTo     end of the window, epoch millis, exclusive
 * @param baseline     the data asset version compared against, e.g. "mloop:diabetes-prod-folder:3"
 * @param models       the model versions that scored the window's rows, e.g. ["diabetes:2"]
 * @param rows         production rows read in the window
 * @param labeledRows  rows of the window that had posted ground truth
 * @param summary      one line for people (the verdict and why)
 * @param notes        anything a reader should know (malformed lines skipped, signals without input...)
 */
public record MonitorRun(long id, String monitor, String endpoint, long startedAt, long finishedAt, long windowFrom,
    long windowTo, String baseline, long baselineRows, List<String> models, long rows, long labeledRows,
    Verdict verdict, String summary, List<SignalResult> signals, List<MetricResult> metrics,
    List<Histogram> histograms, List<String> notes) {

  public MonitorRun {
    models = List.copyOf(models);
    signals = List.copyOf(signals);
    metrics = List.copyOf(metrics);
    histograms = List.copyOf(histograms);
    notes = List.copyOf(notes);
  }

  public MonitorRun withId(long newId) {
    return new MonitorRun(newId, monitor, endpoint, startedAt, finishedAt, windowFrom, windowTo, baseline,
        baselineRows, models, rows, labeledRows, verdict, summary, signals, metrics, histograms, notes);
  }

  /** The same run with {@code more} notes after its own. */
  public MonitorRun withNotes(List<String> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(notes);
    all.addAll(more);
    return new MonitorRun(id, monitor, endpoint, startedAt, finishedAt, windowFrom, windowTo, baseline, baselineRows,
        models, rows, labeledRows, verdict, summary, signals, metrics, histograms, all);
  }

  /** The same run without histograms (what run lists carry). */
  public MonitorRun withoutHistograms() {
    return new MonitorRun(id, monitor, endpoint, startedAt, finishedAt, windowFrom, windowTo, baseline,
        baselineRows, models, rows, labeledRows, verdict, summary, signals, metrics, List.of(), notes);
  }
}
