package org.mloop.runtime;

import java.util.Arrays;
import java.util.List;
import org.mloop.core.models.MlModel;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;

/**
 * Scores a Tribuo LibLinear logistic regression from its weights in plain arrays, computing exactly
 * what Tribuo's {@code predict} computes, in the same order, without building Examples, feature
 * nodes or Prediction objects. What Tribuo and LibLinear do, and so what this does:
 * <ul>
 *   <li>features are not normalized; feature ids are the model's feature map ids, and a row's
 *       terms are summed in ascending id order, then the bias term (LibLinear's last weight, its
 *       feature value always 1.0, counted only when the model was trained with a bias);
 *   <li>weights are laid out feature-major, {@code w[feature * nrW + k]}, with {@code nrW = 1} for
 *       two classes (one decision value for LibLinear's first label) and {@code nrClass} otherwise;
 *   <li>two classes: p(first label) = 1 / (1 + exp(-dec)), p(second) = 1 - p(first); more classes:
 *       each 1 / (1 + exp(-dec_k)), normalized to sum 1;
 *   <li>the predicted label is the first, in LibLinear's label order, with the highest probability.
 * </ul>
 * Rows with a NaN (an optional column left out) go through Tribuo's own path.
 */
final class LinearLogisticPredictor implements Predictor {
  private final TribuoPredictor tribuo;
  private final List<String> classes;
  /** Per LibLinear label index: the column in {@link #classes} and the class name. */
  private final int[] classColumn;
  private final String[] labelName;
  /** Per term in summation order: the signature column feeding it. */
  private final int[] termColumn;
  /** weights[k][term]: the weight of term for decision value k. */
  private final double[][] weights;
  /** bias[k], or null when the model has no bias term. */
  private final double[] bias;
  private final int nrClass;

  private LinearLogisticPredictor(TribuoPredictor tribuo, int[] classColumn, String[] labelName, int[] termColumn,
      double[][] weights, double[] bias, int nrClass) {
    this.tribuo = tribuo;
    this.classes = tribuo.classes();
    this.classColumn = classColumn;
    this.labelName = labelName;
    this.termColumn = termColumn;
    this.weights = weights;
    this.bias = bias;
    this.nrClass = nrClass;
  }

  /** The fast predictor for a LibLinear logistic regression, or null when the model is anything else. */
  static LinearLogisticPredictor of(TribuoPredictor tribuo, org.tribuo.Model<Label> model) {
    if (model.getClass() != LibLinearClassificationModel.class) {
      return null;
    }
    LibLinearClassificationModel linear = (LibLinearClassificationModel) model;
    if (linear.getInnerModels().size() != 1) {
      return null;
    }
    de.bwaldvogel.liblinear.Model inner = linear.getInnerModels().get(0);
    if (!inner.isProbabilityModel() || !inner.getSolverType().isLogisticRegressionSolver()) {
      return null;
    }
    int[] labels = inner.getLabels();
    int nrClass = inner.getNrClass();
    if (labels.length != nrClass || nrClass < 2 || labels.length != model.getOutputIDInfo().size()) {
      return null; // labels unseen in training: leave Tribuo's bookkeeping for them to Tribuo
    }
    List<String> classes = tribuo.classes();
    int[] classColumn = new int[nrClass];
    String[] labelName = new String[nrClass];
    for (int i = 0; i < nrClass; i++) {
      String name = model.getOutputIDInfo().getOutput(labels[i]).getLabel();
      labelName[i] = classes.get(classes.indexOf(name)); // the same String instance as in classes
      classColumn[i] = classes.indexOf(name);
    }
    int nrW = nrClass == 2 ? 1 : nrClass;
    double[] w = inner.getFeatureWeights();
    int n = inner.getBias() >= 0 ? inner.getNrFeature() + 1 : inner.getNrFeature();
    ImmutableFeatureMap features = model.getFeatureIDMap();
    List<String> inputs = tribuo.model().signature().inputNames();
    // terms in ascending feature id, as Tribuo orders LibLinear's feature nodes
    int[] byId = new int[features.size()];
    Arrays.fill(byId, -1);
    for (int c = 0; c < inputs.size(); c++) {
      int id = features.getID(inputs.get(c));
      if (id >= 0 && id + 1 <= n) {
        byId[id] = c;
      }
    }
    int terms = (int) Arrays.stream(byId).filter(c -> c >= 0).count();
    int[] termColumn = new int[terms];
    double[][] weights = new double[nrW][terms];
    int t = 0;
    for (int id = 0; id < byId.length; id++) {
      if (byId[id] >= 0) {
        termColumn[t] = byId[id];
        for (int k = 0; k < nrW; k++) {
          weights[k][t] = w[id * nrW + k];
        }
        t++;
      }
    }
    int biasIndex = features.size() + 1; // Tribuo's bias node, value 1.0
    double[] bias = null;
    if (biasIndex <= n) {
      bias = new double[nrW];
      for (int k = 0; k < nrW; k++) {
        bias[k] = w[(biasIndex - 1) * nrW + k];
      }
    }
    return new LinearLogisticPredictor(tribuo, classColumn, labelName, termColumn, weights, bias, nrClass);
  }

  @Override
  public MlModel model() {
    return tribuo.model();
  }

  @Override
  public List<String> classes() {
    return classes;
  }

  @Override
  public String positiveClass() {
    return tribuo.positiveClass();
  }

  @Override
  public Predictions predictRows(double[][] rows) {
    int n = rows.length;
    String[] labels = new String[n];
    double[][] probabilities = new double[n][classes.size()];
    double[] dec = new double[weights.length];
    double[] p = new double[nrClass];
    for (int r = 0; r < n; r++) {
      double[] row = rows[r];
      if (!score(row, dec, p)) {
        Predictions slow = tribuo.predictRows(new double[][] {row});
        labels[r] = slow.labels().get(0);
        probabilities[r] = slow.probabilities()[0];
        continue;
      }
      double[] out = probabilities[r];
      int best = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < nrClass; i++) {
        out[classColumn[i]] = p[i];
        if (p[i] > max) {
          max = p[i];
          best = i;
        }
      }
      labels[r] = labelName[best];
    }
    return new Predictions(classes, Arrays.asList(labels), probabilities);
  }

  /** Fills p with the row's probabilities in LibLinear label order; false when the row has a NaN. */
  private boolean score(double[] row, double[] dec, double[] p) {
    int[] columns = termColumn;
    for (int k = 0; k < dec.length; k++) {
      double[] wk = weights[k];
      double sum = 0;
      for (int t = 0; t < columns.length; t++) {
        sum += wk[t] * row[columns[t]];
      }
      if (bias != null) {
        sum += bias[k];
      }
      if (Double.isNaN(sum)) {
        return false;
      }
      dec[k] = sum;
    }
    if (nrClass == 2) {
      p[0] = 1 / (1 + Math.exp(-dec[0]));
      p[1] = 1. - p[0];
    } else {
      double total = 0;
      for (int k = 0; k < nrClass; k++) {
        p[k] = 1 / (1 + Math.exp(-dec[k]));
        total += p[k];
      }
      for (int k = 0; k < nrClass; k++) {
        p[k] /= total;
      }
    }
    return true;
  }
}
