package org.mloop.serving.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.serving.protocol.TestModel.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mloop.runtime.Predictions;

/** The exact bytes each protocol answers, for a fixed set of predictions. */
class ResponseShapesTest {
  static final Predictions TWO = new Predictions(List.of("0", "1"), List.of("1", "0"),
      new double[][] {{0.25, 0.75}, {0.875, 0.125}});

  static ScoringInput input(boolean numericLabels, String id) {
    return new ScoringInput(COLUMNS, new double[2][8], numericLabels, id);
  }

  @Test
  void azureAndMlflowAnswerPredictionsProbabilitiesAndClasses() {
    String expected = "{\"predictions\":[1,0],\"probabilities\":[[0.25,0.75],[0.875,0.125]],\"classes\":[0,1]}";

    assertThat(new String(Protocol.AZURE_SCORE.codec().encode(CONTEXT, input(true, null), TWO))).isEqualTo(expected);
    assertThat(new String(Protocol.MLFLOW_INVOCATIONS.codec().encode(CONTEXT, input(true, null), TWO))).isEqualTo(expected);
  }

  @Test
  void azureAndMlflowAnswersAreWhatJacksonWritesWhateverTheLabelsAndProbabilities() {
    java.util.Random random = new java.util.Random(7);
    List<String> texts = List.of("1", "0", "-3.5", "01", "yes", "quote \"q\"", "é", "tab\t", "back\\slash", "1e5");
    double[] specials = {0, 1, 0.5, 1e-7, 1.0 / 3, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 0.1 + 0.2};
    for (int n = 0; n < 300; n++) {
      int rows = 1 + random.nextInt(3);
      List<String> classes = List.of(texts.get(random.nextInt(texts.size())), texts.get(random.nextInt(texts.size())));
      List<String> labels = new java.util.ArrayList<>();
      double[][] probabilities = new double[rows][];
      for (int r = 0; r < rows; r++) {
        labels.add(classes.get(random.nextInt(2)));
        probabilities[r] = new double[] {random.nextBoolean() ? random.nextDouble() : specials[random.nextInt(specials.length)],
            random.nextDouble()};
      }
      Predictions predictions = new Predictions(classes, labels, probabilities);
      ScoringInput input = new ScoringInput(COLUMNS, new double[rows][8], random.nextBoolean(), null);
      String jackson = new String(JsonIo.write(64, g -> {
        g.writeStartObject();
        g.writeFieldName("predictions");
        PredictionsJson.labels(g, predictions.labels(), input.numericLabels());
        g.writeFieldName("probabilities");
        PredictionsJson.probabilities(g, predictions.probabilities());
        g.writeFieldName("classes");
        PredictionsJson.labels(g, predictions.classes(), input.numericLabels());
        g.writeEndObject();
      }), java.nio.charset.StandardCharsets.UTF_8);

      assertThat(new String(Protocol.AZURE_SCORE.codec().encode(CONTEXT, input, predictions),
          java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(jackson);
    }
  }

  @Test
  void openInferenceAnswersALabelTensorAndAProbabilityTensor() {
    String body = new String(Protocol.OPEN_INFERENCE_V2.codec().encode(CONTEXT, input(true, "abc-1"), TWO));

    assertThat(body).isEqualTo("{\"model_name\":\"diabetes\",\"model_version\":\"3\",\"id\":\"abc-1\",\"outputs\":["
        + "{\"name\":\"label\",\"shape\":[2],\"datatype\":\"INT64\",\"data\":[1,0]},"
        + "{\"name\":\"probabilities\",\"shape\":[2,2],\"datatype\":\"FP64\",\"parameters\":{\"classes\":\"0,1\"},"
        + "\"data\":[0.25,0.75,0.875,0.125]}]}");
  }

  @Test
  void openInferenceEchoesTheRequestsIdElseTheHostsAndWritesTextLabelsAsBytes() {
    Predictions named = new Predictions(List.of("no", "yes"), List.of("yes", "no"), TWO.probabilities());
    String body = new String(Protocol.OPEN_INFERENCE_V2.codec().encode(CONTEXT, input(true, null), named));

    assertThat(body).contains("\"id\":\"req-1\"")
        .contains("{\"name\":\"label\",\"shape\":[2],\"datatype\":\"BYTES\",\"data\":[\"yes\",\"no\"]}")
        .contains("\"parameters\":{\"classes\":\"no,yes\"}");
  }

  @Test
  void openInferenceDecodeKeepsTheBodysId() {
    ScoringInput decoded = Format.V2_MATRIX.decode(ROWS.subList(0, 2));

    assertThat(decoded.requestId()).isEqualTo("r-1");
  }

  @Test
  void errorBodiesPerProtocol() {
    ScoringException tooLarge = ScoringException.tooLarge("the request has more than 5 rows (maxRows)");

    assertThat(new String(ScoringErrors.body(Protocol.AZURE_SCORE, tooLarge)))
        .isEqualTo("{\"error\":\"the request has more than 5 rows (maxRows)\",\"status\":413}");
    assertThat(new String(ScoringErrors.body(Protocol.MLFLOW_INVOCATIONS, tooLarge)))
        .isEqualTo("{\"error_code\":\"REQUEST_LIMIT_EXCEEDED\",\"message\":\"the request has more than 5 rows (maxRows)\"}");
    assertThat(new String(Protocol.OPEN_INFERENCE_V2.errorBody(tooLarge)))
        .isEqualTo("{\"error\":\"the request has more than 5 rows (maxRows)\"}");
    assertThat(new String(ScoringErrors.body(Protocol.MLFLOW_INVOCATIONS, ScoringException.badRequest("x \"quoted\""))))
        .isEqualTo("{\"error_code\":\"BAD_REQUEST\",\"message\":\"x \\\"quoted\\\"\"}");
  }
}
