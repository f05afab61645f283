package org.mloop.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.bwaldvogel.liblinear.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.mloop.core.json.Json;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.MlModel;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;

/**
 * The weights of a trained binary logistic regression (Tribuo over LibLinear), in the order of the
 * model signature's inputs, so that another runtime (the Python comparator's scikit-learn
 * LogisticRegression) can score with the very same model: P(positive) = sigmoid(coef . x + intercept).
 */
record LinearWeights(List<String> columns, List<ColumnType> types, String positiveClass, double[] coef,
    double intercept) {

  /** Reads the weights out of a model folder's Tribuo LibLinear model. */
  static LinearWeights of(Path modelDir, Predictor predictor) throws IOException {
    MlModel mlModel = predictor.model();
    String file = String.valueOf(mlModel.flavors().values().iterator().next().get("model_file"));
    org.tribuo.Model<?> model = org.tribuo.Model.deserializeFromFile(modelDir.resolve(file));
    if (!(model instanceof LibLinearClassificationModel linear)) {
      throw new IllegalArgumentException(modelDir + " holds a " + model.getClass().getSimpleName()
          + ", not a LibLinear logistic regression: the Python comparator needs its weights");
    }
    Model inner = linear.getInnerModels().get(0);
    if (inner.getNrClass() != 2 || !inner.isProbabilityModel()) {
      throw new IllegalArgumentException(modelDir + ": expected a binary logistic regression, got "
          + inner.getNrClass() + " classes, solver " + inner.getSolverType());
    }
    String positive = predictor.positiveClass();
    // LibLinear's labels are Tribuo's output ids; its decision function is written per label index.
    int positiveIndex = -1;
    for (int i = 0; i < 2; i++) {
      Label label = linear.getOutputIDInfo().getOutput(inner.getLabels()[i]);
      if (label.getLabel().equals(positive)) {
        positiveIndex = i;
      }
    }
    if (positiveIndex < 0) {
      throw new IllegalArgumentException(modelDir + ": the positive class " + positive + " is not one of the model's");
    }
    ImmutableFeatureMap features = linear.getFeatureIDMap();
    List<ColumnSpec> inputs = mlModel.signature().inputs();
    double[] coef = new double[inputs.size()];
    for (int i = 0; i < coef.length; i++) {
      VariableInfo info = features.get(inputs.get(i).name());
      // Tribuo numbers LibLinear's features from 1 (feature id + 1); an unseen feature weighs nothing.
      coef[i] = info == null ? 0 : inner.getDecfunCoef(features.getID(info.getName()) + 1, positiveIndex);
    }
    return new LinearWeights(inputs.stream().map(ColumnSpec::name).toList(),
        inputs.stream().map(ColumnSpec::type).toList(), positive, coef, inner.getDecfunBias(positiveIndex));
  }

  double probability(double[] row) {
    double z = intercept;
    for (int i = 0; i < coef.length; i++) {
      z += coef[i] * row[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /** Fails unless these weights give the predictor's probabilities for the rows (so both servers score one model). */
  void check(Predictor predictor, double[][] rows) {
    Predictions predictions = predictor.predictRows(rows);
    for (int i = 0; i < rows.length; i++) {
      double expected = predictions.probability(i, positiveClass);
      double got = probability(rows[i]);
      if (Math.abs(expected - got) > 1e-9) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "the exported weights give P(%s) = %.12f for row %d, the model %.12f", positiveClass, got, i, expected));
      }
    }
  }

  /**
   * Writes the JSON the Python comparator loads: columns, types, classes (as numbers when they are),
   * coef, intercept, and the check rows with the probabilities mloop gives them.
   */
  void write(Path file, Predictor predictor, double[][] checkRows) throws IOException {
    ObjectNode root = Json.mapper().createObjectNode();
    columns.forEach(root.putArray("columns")::add);
    ArrayNode typeNames = root.putArray("types");
    types.forEach(t -> typeNames.add(t.mlflowName()));
    ArrayNode classes = root.putArray("classes");
    for (String c : predictor.classes()) {
      if (c.matches("-?\\d+")) {
        classes.add(Long.parseLong(c));
      } else {
        classes.add(c);
      }
    }
    if (positiveClass.matches("-?\\d+")) {
      root.put("positive", Long.parseLong(positiveClass));
    } else {
      root.put("positive", positiveClass);
    }
    ArrayNode weights = root.putArray("coef");
    for (double w : coef) {
      weights.add(w);
    }
    root.put("intercept", intercept);
    ObjectNode check = root.putObject("check");
    ArrayNode rows = check.putArray("rows");
    for (double[] row : checkRows) {
      ArrayNode r = rows.addArray();
      for (double v : row) {
        r.add(v);
      }
    }
    Predictions predictions = predictor.predictRows(checkRows);
    ArrayNode probabilities = check.putArray("probability");
    for (int i = 0; i < checkRows.length; i++) {
      probabilities.add(predictions.probability(i, positiveClass));
    }
    Files.writeString(file, Json.writePretty(root));
  }
}
