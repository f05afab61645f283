package org.mloop.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

/** Every JSON and YAML document is read within the same bounds, and a document over one is described by it. */
class JsonLimitsTest {

  private static String refusal(String json) {
    JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> Json.mapper().readTree(json));
    assertThat(e).as("refused: " + json.substring(0, Math.min(40, json.length()))).isNotNull();
    assertThat(JsonLimits.isLimit(e)).isTrue();
    return JsonLimits.describe(e);
  }

  @Test
  void nestingDeeperThanOneHundredLevelsIsRefused() throws Exception {
    assertThat(Json.mapper().readTree("[".repeat(100) + "]".repeat(100)).isArray()).isTrue();
    assertThat(refusal("[".repeat(101) + "]".repeat(101)))
        .isEqualTo("nests objects and lists more than 100 levels deep (the limit)");
  }

  @Test
  void aNumberLongerThanOneThousandCharactersIsRefused() throws Exception {
    assertThat(Json.mapper().readTree("1".repeat(1000)).isNumber()).isTrue();
    assertThat(refusal("{\"n\": " + "1".repeat(2000) + "}"))
        .isEqualTo("has a number longer than 1000 characters (the limit)");
    assertThat(refusal("[0." + "5".repeat(2000) + "]")).isEqualTo("has a number longer than 1000 characters (the limit)");
  }

  @Test
  void theRecordMapperTheYamlMapperAndTheApiMapperShareTheBounds() {
    assertThat(catchThrowableOfType(JsonProcessingException.class,
        () -> ApiJson.mapper().readTree("[".repeat(150) + "]".repeat(150)))).isNotNull();
    JsonProcessingException yaml = catchThrowableOfType(JsonProcessingException.class,
        () -> Json.yaml().readTree("a: " + "[".repeat(150) + "]".repeat(150)));
    assertThat(JsonLimits.describe(yaml)).isEqualTo("nests objects and lists more than 100 levels deep (the limit)");
  }

  @Test
  void malformedJsonIsDescribedWithItsPosition() {
    JsonProcessingException e = catchThrowableOfType(JsonProcessingException.class, () -> Json.mapper().readTree("{\"a\": }"));
    assertThat(JsonLimits.isLimit(e)).isFalse();
    assertThat(JsonLimits.describe(e)).startsWith("is not valid JSON: Unexpected character").endsWith("(line 1, column 7)");
  }
}
