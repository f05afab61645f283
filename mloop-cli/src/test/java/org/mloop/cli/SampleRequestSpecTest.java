package org.mloop.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mloop.core.data.synth.DiabetesFeature;
import org.mloop.core.json.Json;

/** model/sample-request.json: the seed's three patients in Azure's request format, in the model's column order. */
class SampleRequestSpecTest {

  @Test
  void theSampleRequestHoldsThreePatientsWithTheModelsColumns() throws IOException {
    JsonNode input = Json.mapper().readTree(Path.of("..", "model", "sample-request.json").toFile()).path("input_data");
    List<String> columns = new ArrayList<>();
    input.path("columns").forEach(c -> columns.add(c.asText()));
    assertThat(columns).containsExactlyElementsOf(DiabetesFeature.columns());
    assertThat(input.path("index").toString()).isEqualTo("[1,2,3]");
    assertThat(input.path("data")).hasSize(3);
    for (JsonNode row : input.path("data")) {
      assertThat(row).hasSize(columns.size());
      for (int i = 0; i < columns.size(); i++) {
        DiabetesFeature feature = DiabetesFeature.ofColumn(columns.get(i));
        assertThat(row.get(i).isIntegralNumber()).as(columns.get(i) + " is an integer column")
            .isEqualTo(feature.integer());
        assertThat(row.get(i).asDouble()).as(columns.get(i)).isBetween(feature.lowerLimit(), feature.upperLimit());
      }
    }
    assertThat(input.path("data").get(0).get(5).asDouble()).as("BMI of the first patient").isEqualTo(27.36983156);
  }
}
