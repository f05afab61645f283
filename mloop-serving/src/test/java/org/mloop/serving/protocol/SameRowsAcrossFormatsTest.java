package org.mloop.serving.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.serving.protocol.TestModel.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.json.Json;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.testing.ModelFolders;

class SameRowsAcrossFormatsTest {
  static final List<PatientRow> SOME = ROWS.subList(0, 20);

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void everyFormatDecodesTheSameRowsInSignatureOrder(Format format) {
    ScoringInput input = format.decode(SOME);

    assertThat(input.columns()).isEqualTo(COLUMNS);
    assertThat(input.size()).isEqualTo(SOME.size());
    for (int i = 0; i < SOME.size(); i++) {
      assertThat(input.rows()[i]).as("row %d", i).containsExactly(ModelFolders.features(SOME.get(i)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void everyFormatAnswersTheSameLabelsAndProbabilities(Format format) throws Exception {
    ScoringInput input = format.decode(SOME);
    Predictions predictions = PREDICTOR.predictRows(input.rows());
    JsonNode response = Json.mapper().readTree(format.protocol.codec().encode(CONTEXT, input, predictions));

    List<String> labels = labels(format.protocol, response);
    double[][] probabilities = probabilities(format.protocol, response);
    Predictions reference = PREDICTOR.predict(ModelFolders.batch(SOME));
    assertThat(labels).isEqualTo(reference.labels());
    for (int i = 0; i < SOME.size(); i++) {
      assertThat(probabilities[i]).containsExactly(reference.probabilities()[i]);
    }
  }

  static List<String> labels(Protocol protocol, JsonNode response) {
    JsonNode labels = protocol == Protocol.OPEN_INFERENCE_V2
        ? response.get("outputs").get(0).get("data") : response.get("predictions");
    return java.util.stream.StreamSupport.stream(labels.spliterator(), false).map(JsonNode::asText).toList();
  }

  static double[][] probabilities(Protocol protocol, JsonNode response) {
    if (protocol != Protocol.OPEN_INFERENCE_V2) {
      return Json.mapper().convertValue(response.get("probabilities"), double[][].class);
    }
    JsonNode tensor = response.get("outputs").get(1);
    int n = tensor.get("shape").get(0).asInt();
    int k = tensor.get("shape").get(1).asInt();
    double[][] p = new double[n][k];
    for (int i = 0; i < n * k; i++) {
      p[i / k][i % k] = tensor.get("data").get(i).doubleValue();
    }
    return p;
  }
}
