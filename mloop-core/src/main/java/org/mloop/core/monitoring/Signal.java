package org.mloop.core.monitoring;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.mloop.core.DidYouMean;
import org.mloop.core.MloopException;

/** What a monitor watches, named as Azure ML model monitoring names its signals. */
public enum Signal {
  /** The inputs' distributions against the baseline, per feature. */
  DATA_DRIFT("data_drift"),
  /** The model's outputs (predicted probability and label) against the model's outputs on the baseline. */
  PREDICTION_DRIFT("prediction_drift"),
  /** Null, type-error and out-of-range rates of the inputs. */
  DATA_QUALITY("data_quality"),
  /** Accuracy, precision, recall and AUC from posted ground truth, against the registered version's metrics. */
  MODEL_PERFORMANCE("model_performance");

  private final String id;

  Signal(String id) {
    this.id = id;
  }

  /** The name used on the command line, in files and in JSON. */
  public String id() {
    return id;
  }

  public static Signal parse(String text) {
    for (Signal s : values()) {
      if (s.id.equalsIgnoreCase(text.strip()) || s.name().equalsIgnoreCase(text.strip())) {
        return s;
      }
    }
    throw MloopException.invalid("unknown monitoring signal '" + text + "'"
        + DidYouMean.suggestion(text.strip(), Arrays.stream(values()).map(Signal::id).toList()) + ": use "
        + Arrays.stream(values()).map(Signal::id).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return id;
  }
}
