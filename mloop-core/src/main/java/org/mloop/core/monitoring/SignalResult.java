package org.mloop.core.monitoring;

import java.util.List;

/**
 * A signal's verdict: whether it alerts, the features that breached, and one line for people, e.g.
 * "1 of 8 features drift: PlasmaGlucose (dataset drift: no, below 50%)".
 */
public record SignalResult(Signal signal, boolean alert, List<String> breachedFeatures, String summary) {
  public SignalResult {
    breachedFeatures = List.copyOf(breachedFeatures);
  }
}
