package org.mloop.serving.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mloop.serving.protocol.TestModel.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mloop.core.json.Json;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.testing.ModelFolders;

class AzureScoreCodecTest {
  final AzureScoreCodec codec = new AzureScoreCodec();

  ScoringInput decode(String body) {
    return codec.decode(SIGNATURE, "application/json", utf8(body), ScoringLimits.DEFAULT);
  }

  @Test
  void splitFormatDecodesRowsInSignatureOrder() {
    ScoringInput input = decode("{\"input_data\": {\"columns\": " + columnsJson() + ", \"index\": [0, 1, 2],"
        + " \"data\": " + matrix(ROWS.subList(0, 3)) + "}}");

    assertThat(input.columns()).isEqualTo(COLUMNS);
    assertThat(input.rows()).hasDimensions(3, 8);
    for (int i = 0; i < 3; i++) {
      assertThat(input.rows()[i]).containsExactly(ModelFolders.features(ROWS.get(i)));
    }
    assertThat(input.numericLabels()).isTrue();
  }

  @Test
  void columnsInAnotherOrderAndDataBeforeColumnsLandInSignatureOrder() {
    double[] first = ModelFolders.features(ROWS.get(0));
    List<String> backwards = new java.util.ArrayList<>(COLUMNS);
    java.util.Collections.reverse(backwards);
    String reversedColumns = "[\"" + String.join("\", \"", backwards) + "\"]";
    StringBuilder reversed = new StringBuilder();
    for (int i = first.length - 1; i >= 0; i--) {
      reversed.append(i == first.length - 1 ? "" : ", ").append(number(first[i]));
    }
    ScoringInput input = decode("{\"input_data\": {\"data\": [[" + reversed + "]], \"columns\": " + reversedColumns + "}}");

    assertThat(input.rows()[0]).containsExactly(first);
  }

  @Test
  void plainListIsInSignatureOrder() {
    ScoringInput input = decode("{\"input_data\": " + matrix(ROWS.subList(0, 2)) + "}");

    assertThat(input.rows()[1]).containsExactly(ModelFolders.features(ROWS.get(1)));
  }

  @Test
  void responseHasNumericLabelsProbabilitiesAndClasses() {
    ScoringInput input = decode("{\"input_data\": " + matrix(ROWS.subList(0, 3)) + "}");
    Predictions predictions = PREDICTOR.predictRows(input.rows());

    JsonNode response = Json.mapper().valueToTree(parse(codec.encode(CONTEXT, input, predictions)));

    assertThat(response.fieldNames()).toIterable().containsExactly("predictions", "probabilities", "classes");
    assertThat(response.get("classes").toString()).isEqualTo("[0,1]");
    for (int i = 0; i < 3; i++) {
      assertThat(response.get("predictions").get(i).isInt()).isTrue();
      assertThat(response.get("predictions").get(i).asText()).isEqualTo(predictions.labels().get(i));
      assertThat(response.get("probabilities").get(i).get(1).doubleValue()).isEqualTo(predictions.probability(i, "1"));
    }
  }

  @Test
  void labelsAreTextWhenTheOutputColumnIsNotNumeric() {
    ScoringInput input = new ScoringInput(COLUMNS, new double[][] {ModelFolders.features(ROWS.get(0))});
    Predictions predictions = new Predictions(List.of("no", "yes"), List.of("yes"), new double[][] {{0.25, 0.75}});

    assertThat(new String(codec.encode(CONTEXT, input, predictions)))
        .isEqualTo("{\"predictions\":[\"yes\"],\"probabilities\":[[0.25,0.75]],\"classes\":[\"no\",\"yes\"]}");
  }

  @Test
  void errorsNameTheProblem() {
    assertThatThrownBy(() -> decode("{\"input\": []}")).isInstanceOf(ScoringException.class)
        .hasMessageContaining("no field input_data");
    assertThatThrownBy(() -> decode("{\"input_data\": [[1, 2]]}")).hasMessageContaining("row 1 has 2 values but there are 8 columns");
    assertThatThrownBy(() -> codec.decode(SIGNATURE, "text/plain", utf8("{}"), ScoringLimits.DEFAULT))
        .satisfies(e -> assertThat(((ScoringException) e).status()).isEqualTo(415));
  }

  @Test
  void errorBodyHasMessageAndStatus() {
    byte[] body = ScoringErrors.body(Protocol.AZURE_SCORE, ScoringException.badRequest("input row 1, column 'Age' is NaN"));

    assertThat(new String(body)).isEqualTo("{\"error\":\"input row 1, column 'Age' is NaN\",\"status\":400}");
  }

  static Object parse(byte[] json) {
    return Json.read(new String(json), Object.class);
  }
}
