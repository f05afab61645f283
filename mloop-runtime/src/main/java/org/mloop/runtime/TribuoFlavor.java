package org.mloop.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.Tribuo;
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
public final class TribuoFlavor {
  public static final String NAME = "mloop_tribuo";
  public static final String MODEL_FILE = "model_file";
  public static final String MODEL_CLASS = "model_class";
  public static final String LABEL = "label";
  public static final String POSITIVE_CLASS = "positive_class";
  public static final String CLASSES = "classes";
  public static final String TRIBUO_VERSION = "tribuo_version";

  private TribuoFlavor() {}

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
