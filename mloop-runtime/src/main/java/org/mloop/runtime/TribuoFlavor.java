package org.mloop.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mloop.core.MloopException;
import org.mloop.core.models.MlModel;
import org.tribuo.Model;
import org.tribuo.Tribuo;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;

/**
 * The {@code mloop_tribuo} flavor: a Tribuo classification model in Tribuo's protobuf serialization.
 * <pre>
 * mloop_tribuo:
 *   model_file: model.tribuo
 *   model_class: org.tribuo.classification.liblinear.LibLinearClassificationModel
 *   label: Diabetic
 *   positive_class: '1'
 *   classes: ['0', '1']
 *   tribuo_version: 4.3.2
 * </pre>
 */
public final class TribuoFlavor implements ModelFlavor {
  public static final String NAME = "mloop_tribuo";
  public static final String MODEL_FILE = "model_file";
  public static final String MODEL_CLASS = "model_class";
  public static final String LABEL = "label";
  public static final String POSITIVE_CLASS = "positive_class";
  public static final String CLASSES = "classes";
  public static final String TRIBUO_VERSION = "tribuo_version";

  @Override
  public String name() {
    return NAME;
  }

  /**
   * The model must be a classification model that gives probabilities, of the class {@code model_class}
   * says, using only features the signature lists, with the {@code classes} the MLmodel lists. A LibLinear
   * logistic regression (what the diabetes training code produces) scores from plain arrays.
   */
  @Override
  public Predictor load(Path dir, MlModel mlModel, Map<String, Object> flavor) {
    String file = ModelFlavor.modelFile(dir, mlModel, NAME, flavor, MODEL_FILE, null);
    Model<?> raw;
    try {
      raw = Model.deserializeFromFile(dir.resolve(file));
    } catch (IOException | RuntimeException e) {
      throw MloopException.invalid("cannot read Tribuo model " + dir.resolve(file) + ": " + e.getMessage());
    }
    if (!raw.validate(Label.class)) {
      throw MloopException.invalid("Tribuo model " + dir.resolve(file) + " is not a classification model");
    }
    Object expectedClass = flavor.get(MODEL_CLASS);
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
    Object positive = flavor.get(POSITIVE_CLASS);
    List<String> classes = classes(model);
    Object declared = flavor.get(CLASSES);
    if (declared instanceof List<?> list && !list.stream().map(String::valueOf).toList().equals(classes)) {
      throw MloopException.invalid("model folder " + dir + ": the MLmodel lists classes " + list
          + " but the model predicts " + classes);
    }
    if (positive != null && !classes.contains(positive.toString())) {
      throw MloopException.invalid("model folder " + dir + ": positive_class '" + positive
          + "' is not one of the model's classes " + classes);
    }
    TribuoPredictor tribuo = new TribuoPredictor(mlModel, model, positive == null ? null : positive.toString());
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

  /** The flavor settings for a model saved as {@code modelFile} in the folder. */
  public static Map<String, Object> settings(Model<Label> model, String modelFile, String label, String positiveClass) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put(MODEL_FILE, modelFile);
    s.put(MODEL_CLASS, model.getClass().getName());
    s.put(LABEL, label);
    if (positiveClass != null) {
      s.put(POSITIVE_CLASS, positiveClass);
    }
    s.put(CLASSES, classes(model));
    s.put(TRIBUO_VERSION, Tribuo.VERSION);
    return s;
  }

  /** The model's class names, sorted: the column order of its probabilities. */
  public static List<String> classes(Model<Label> model) {
    return model.getOutputIDInfo().getDomain().stream().map(Label::getLabel).sorted().toList();
  }
}
