package org.mloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.json.Json;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictor;

/**
 * The scoring benchmark's model: the trained model folder, its predictor, its weights (also as the
 * Python comparator's JSON) and request rows; the request bodies made of those rows, and the check
 * that a server's answer is this model's.
 */
record ScoringModel(Path dir, Predictor predictor, LinearWeights weights, Path weightsFile, List<double[]> rows) {

  /** Trains the logistic regression with the real training jar on synthetic patients and exports its weights. */
  static ScoringModel train(Path modelJar, int trainingRows, int requestRows, Path dir) throws Exception {
    TrainingJar.require(modelJar);
    Path data = TrainingJar.syntheticData(dir, trainingRows);
    Path modelDir = TrainingJar.train(modelJar, data, dir.resolve("model"), "logistic_regression");
    Predictor predictor = ModelLoader.load(modelDir);
    List<ColumnSpec> inputs = predictor.model().signature().inputs();
    List<double[]> rows = new ArrayList<>();
    for (PatientRow patient : new DiabetesSynthesizer(11).rows(Math.max(requestRows, 200))) {
      double[] row = new double[inputs.size()];
      for (int i = 0; i < row.length; i++) {
        row[i] = patient.feature(DiabetesFeature.ofColumn(inputs.get(i).name()));
      }
      rows.add(row);
    }
    LinearWeights weights = LinearWeights.of(modelDir, predictor);
    weights.check(predictor, rows.toArray(double[][]::new));
    Path weightsFile = dir.resolve("sklearn-weights.json");
    weights.write(weightsFile, predictor, rows.subList(0, 5).toArray(double[][]::new));
    System.out.printf(Locale.ROOT, "weights of the trained model (checked on %d rows): intercept %.6f, coef %s%n",
        rows.size(), weights.intercept(), Arrays.toString(weights.coef()));
    return new ScoringModel(modelDir, predictor, weights, weightsFile, rows);
  }

  /** The Azure ML /score body, the first {@code count} rows: {"input_data": {"columns", "index", "data"}}. */
  String azureBody(int count) {
    return azureBody(rows.subList(0, count), predictor.model().signature().inputs());
  }

  private static String azureBody(List<double[]> rows, List<ColumnSpec> columns) {
    ObjectNode root = Json.mapper().createObjectNode();
    ObjectNode input = root.putObject("input_data");
    ArrayNode names = input.putArray("columns");
    columns.forEach(c -> names.add(c.name()));
    ArrayNode index = input.putArray("index");
    ArrayNode data = input.putArray("data");
    for (int r = 0; r < rows.size(); r++) {
      index.add(r);
      ArrayNode values = data.addArray();
      for (int i = 0; i < columns.size(); i++) {
        double v = rows.get(r)[i];
        if (columns.get(i).type() == ColumnType.LONG) {
          values.add((long) v);
        } else {
          values.add(v);
        }
      }
    }
    return Json.write(root);
  }

  /** Posts the single-row body once and checks the answer's probabilities against our predictor's. */
  void checkAnswer(String who, String url, Map<String, String> headers, Path body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofFile(body));
    headers.forEach(request::header);
    HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
        .send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(who + " answered " + response.statusCode() + ": " + response.body());
    }
    System.out.println("  answer: " + response.body());
    double expected = predictor.predictRows(new double[][] {rows.get(0)})
        .probability(0, weights.positiveClass());
    JsonNode probabilities = Json.mapper().readTree(response.body()).path("probabilities").path(0);
    int positive = predictor.classes().indexOf(weights.positiveClass());
    double got = probabilities.path(positive).asDouble(Double.NaN);
    if (!(Math.abs(got - expected) < 1e-9)) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "%s gave P(%s) = %s for the request row, mloop's predictor %.12f: not the same model",
          who, weights.positiveClass(), got, expected));
    }
  }
}
