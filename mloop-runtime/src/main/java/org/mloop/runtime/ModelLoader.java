package org.mloop.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mloop.core.MloopException;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.tribuo.Model;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;

/**
 * Turns a model folder into a {@link Predictor}. The folder is verified first (MLmodel present,
 * signature well-formed, every file's sha256 as listed), then loaded through its flavor; today
 * that is {@value TribuoFlavor#NAME}. Every problem is a MloopException INVALID_PARAMETER_VALUE.
 */
public final class ModelLoader {
  private ModelLoader() {}

  public static Predictor load(Path dir) {
    MlModel mlModel = MlModelFiles.read(dir);
    Map<String, Object> flavor = mlModel.flavor(TribuoFlavor.NAME).orElseThrow(() -> MloopException.invalid(
        "model folder " + dir + " has no flavor this runtime can load (flavors: " + mlModel.flavors().keySet()
            + "); it loads " + TribuoFlavor.NAME));
    String file = setting(dir, flavor, TribuoFlavor.MODEL_FILE);
    if (!mlModel.checksums().containsKey(file)) {
      throw MloopException.invalid("model folder " + dir + ": flavor " + TribuoFlavor.NAME + " names model_file '"
          + file + "', which the folder does not have");
    }
    Model<?> raw;
    try {
      raw = Model.deserializeFromFile(dir.resolve(file));
    } catch (IOException | RuntimeException e) {
      throw MloopException.invalid("cannot read Tribuo model " + dir.resolve(file) + ": " + e.getMessage());
    }
    if (!raw.validate(Label.class)) {
      throw MloopException.invalid("Tribuo model " + dir.resolve(file) + " is not a classification model");
    }
    Object expectedClass = flavor.get(TribuoFlavor.MODEL_CLASS);
    if (expectedClass != null && !raw.getClass().getName().equals(expectedClass.toString())) {
      throw MloopException.invalid("Tribuo model " + dir.resolve(file) + " is a " + raw.getClass().getName()
          + " but the MLmodel says model_class " + expectedClass);
    }
    if (!raw.generatesProbabilities()) {
      throw MloopException.invalid("Tribuo model " + dir.resolve(file) + " (" + raw.getClass().getSimpleName()
          + ") does not produce class probabilities; train one that does (e.g. logistic regression, not an SVM)");
    }
    @SuppressWarnings("unchecked")
    Model<Label> model = (Model<Label>) raw;
    checkFeatures(dir, mlModel, model);
    Object positive = flavor.get(TribuoFlavor.POSITIVE_CLASS);
    List<String> classes = TribuoFlavor.classes(model);
    Object declared = flavor.get(TribuoFlavor.CLASSES);
    if (declared instanceof List<?> list && !list.stream().map(String::valueOf).toList().equals(classes)) {
      throw MloopException.invalid("model folder " + dir + ": the MLmodel lists classes " + list
          + " but the model predicts " + classes);
    }
    if (positive != null && !classes.contains(positive.toString())) {
      throw MloopException.invalid("model folder " + dir + ": positive_class '" + positive
          + "' is not one of the model's classes " + classes);
    }
    TribuoPredictor tribuo = new TribuoPredictor(mlModel, model, positive == null ? null : positive.toString());
    // LibLinear logistic regression (what the diabetes training code produces) scores from plain arrays
    Predictor fast = LinearLogisticPredictor.of(tribuo, model);
    return fast != null ? fast : tribuo;
  }

  /** Every feature the model knows must be a signature input, or the model would silently see zeros. */
  private static void checkFeatures(Path dir, MlModel mlModel, Model<Label> model) {
    Set<String> inputs = new HashSet<>(mlModel.signature().inputNames());
    for (VariableInfo v : model.getFeatureIDMap()) {
      if (!inputs.contains(v.getName())) {
        throw MloopException.invalid("model folder " + dir + ": the model uses feature '" + v.getName()
            + "', which the signature's inputs do not list");
      }
    }
  }

  private static String setting(Path dir, Map<String, Object> flavor, String key) {
    Object v = flavor.get(key);
    if (v == null || v.toString().isBlank()) {
      throw MloopException.invalid("model folder " + dir + ": flavor " + TribuoFlavor.NAME + " has no " + key);
    }
    return v.toString();
  }
}
