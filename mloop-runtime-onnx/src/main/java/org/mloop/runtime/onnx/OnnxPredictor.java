package org.mloop.runtime.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mloop.core.models.MlModel;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;

/**
 * Scores rows with an ONNX Runtime session (thread-safe: requests run it concurrently). The session's
 * native memory is released when the predictor is no longer reachable (a scoring host drops a
 * predictor when no deployment serves its version any more), as no request can be using it then.
 */
final class OnnxPredictor implements Predictor {
  private static final Cleaner CLEANER = Cleaner.create();

  private final MlModel model;
  private final OnnxScorer scorer;
  private final List<String> classes;
  private final Map<String, Integer> column;
  private final String positiveClass;

  OnnxPredictor(MlModel model, OnnxScorer scorer, List<String> classes, String positiveClass) {
    this.model = model;
    this.scorer = scorer;
    this.classes = List.copyOf(classes);
    this.column = new HashMap<>();
    for (int k = 0; k < classes.size(); k++) {
      column.put(classes.get(k), k);
    }
    this.positiveClass = positiveClass;
    CLEANER.register(this, new Release(scorer.session()));
  }

  /** Closes the session; holds no reference to the predictor. */
  private record Release(OrtSession session) implements Runnable {
    @Override
    public void run() {
      try {
        session.close();
      } catch (OrtException ignored) {
        // nothing more can be done for a session no one uses
      }
    }
  }

  @Override
  public MlModel model() {
    return model;
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public String positiveClass() {
    return positiveClass;
  }

  @Override
  public Predictions predictRows(double[][] rows) {
    OnnxOutputs.Raw raw = scorer.run(rows);
    int n = rows.length;
    double[][] probabilities = new double[n][];
    List<String> labels = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      probabilities[r] = raw.matrix() != null ? checkedWidth(raw.matrix()[r]) : fromMap(raw.maps().get(r));
      labels.add(raw.labels() != null ? raw.labels()[r] : classes.get(argmax(probabilities[r])));
    }
    return new Predictions(classes, labels, probabilities);
  }

  private double[] checkedWidth(double[] row) {
    if (row.length != classes.size()) {
      throw new IllegalStateException("the ONNX graph gave " + row.length + " probabilities for a row, not one per class "
          + classes);
    }
    return row;
  }

  private double[] fromMap(Map<String, Double> map) {
    double[] row = new double[classes.size()];
    for (Map.Entry<String, Double> e : map.entrySet()) {
      Integer k = column.get(e.getKey());
      if (k == null) {
        throw new IllegalStateException("the ONNX graph gave a probability for class '" + e.getKey()
            + "', which is not one of " + classes);
      }
      row[k] = e.getValue();
    }
    return row;
  }

  private static int argmax(double[] p) {
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return best;
  }
}
