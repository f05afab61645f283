package org.mloop.runtime;

import java.util.List;
import org.mloop.core.models.MlModel;

/**
 * A loaded model that scores rows in-process. {@link #predict} checks the batch against the model's
 * signature first and refuses it (MloopException INVALID_PARAMETER_VALUE naming the column) when a
 * column is missing or unknown, a value has the wrong type, or a number is NaN or infinite.
 */
public interface Predictor {
  /** The MLmodel the predictor was loaded from (signature, flavors, checksums). */
  MlModel model();

  /** Class names, in the order of {@link Predictions#probabilities()}. */
  List<String> classes();

  /** The class that counts as positive (e.g. "1", diabetic), or null when the model does not say. */
  String positiveClass();

  /** Checks the batch against the signature ({@link SignatureCheck#toMatrix}), then scores it with {@link #predictRows}. */
  default Predictions predict(Batch batch) {
    return predictRows(SignatureCheck.toMatrix(model().signature(), batch));
  }

  /**
   * Scores rows already checked against the signature ({@link SignatureCheck#toMatrix}): values in
   * the order of the signature's inputs, all finite. The scoring host's fast path.
   */
  Predictions predictRows(double[][] rows);
}
