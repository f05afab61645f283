package org.mloop.monitor.signals;

import java.util.List;
import org.mloop.core.monitoring.Histogram;
import org.mloop.core.monitoring.MetricResult;
import org.mloop.core.monitoring.SignalResult;
import org.mloop.core.monitoring.Verdict;

/** What a window's computation found: the parts of a monitor run that depend on the data. */
public record WindowResult(long rows, long labeledRows, Verdict verdict, String summary, List<SignalResult> signals,
    List<MetricResult> metrics, List<Histogram> histograms, List<String> notes) {

  public WindowResult {
    signals = List.copyOf(signals);
    metrics = List.copyOf(metrics);
    histograms = List.copyOf(histograms);
    notes = List.copyOf(notes);
  }
}
