package org.mloop.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mloop.core.models.MlModel;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;

/** Scores batches with a Tribuo classification model, features named as the signature's inputs. */
final class TribuoPredictor implements Predictor {
  private final MlModel mlModel;
  private final Model<Label> model;
  private final String[] featureNames;
  private final List<String> classes;
  private final String positiveClass;

  TribuoPredictor(MlModel mlModel, Model<Label> model, String positiveClass) {
    this.mlModel = mlModel;
    this.model = model;
    this.featureNames = mlModel.signature().inputNames().toArray(String[]::new);
    this.classes = TribuoFlavor.classes(model);
    this.positiveClass = positiveClass;
  }

  @Override
  public MlModel model() {
    return mlModel;
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
  public Predictions predictRows(double[][] matrix) {
    List<Example<Label>> examples = new ArrayList<>(matrix.length);
    for (double[] row : matrix) {
      // ArrayExample sorts its arrays in place, hence the copies; the label is ignored when predicting.
      examples.add(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, featureNames.clone(), row.clone()));
    }
    List<Prediction<Label>> predictions = examples.isEmpty() ? List.of() : model.predict(examples);
    List<String> labels = new ArrayList<>(predictions.size());
    double[][] probabilities = new double[predictions.size()][classes.size()];
    for (int i = 0; i < predictions.size(); i++) {
      Prediction<Label> p = predictions.get(i);
      labels.add(p.getOutput().getLabel());
      Map<String, Label> scores = p.getOutputScores();
      for (int k = 0; k < classes.size(); k++) {
        Label score = scores.get(classes.get(k));
        probabilities[i][k] = score == null ? 0 : score.getScore();
      }
    }
    return new Predictions(classes, labels, probabilities);
  }
}
