package org.mloop.runtime;

import java.nio.file.Path;
import java.util.Map;
import org.mloop.core.MloopException;
import org.mloop.core.models.MlModel;

/**
 * One way of turning a model folder into a {@link Predictor}: a flavor of MLflow's MLmodel file
 * ({@code mloop_tribuo}, {@code onnx}, ...), as MLflow's flavor modules are. {@link ModelFlavors}
 * holds the installed ones: the built-in {@link TribuoFlavor} and every implementation another jar
 * lists in {@code META-INF/services/org.mloop.runtime.ModelFlavor} (a public no-argument constructor).
 */
public interface ModelFlavor {
  /** The key of this flavor under the MLmodel's {@code flavors}, e.g. {@code onnx}. */
  String name();

  /**
   * Loads the model of a folder whose files {@link org.mloop.core.models.MlModelFiles#read} verified;
   * {@code settings} are this flavor's settings in the MLmodel. Problems are MloopException
   * INVALID_PARAMETER_VALUE naming the folder and the setting or file.
   */
  Predictor load(Path dir, MlModel model, Map<String, Object> settings);

  /**
   * The folder file a setting names (e.g. {@code data: model.onnx}), or {@code fallback} when the
   * setting is absent (null: the setting is required); refused unless the folder has it.
   */
  static String modelFile(Path dir, MlModel model, String flavor, Map<String, Object> settings, String key,
      String fallback) {
    Object v = settings.get(key);
    String file = v == null || v.toString().isBlank() ? fallback : v.toString();
    if (file == null) {
      throw MloopException.invalid("model folder " + dir + ": flavor " + flavor + " has no " + key);
    }
    if (!model.checksums().containsKey(file)) {
      throw MloopException.invalid("model folder " + dir + ": flavor " + flavor + " names " + key + " '" + file
          + "', which the folder does not have");
    }
    return file;
  }
}
