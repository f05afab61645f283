package org.mloop.serving.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.serving.protocol.TestModel.*;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FastRowsTest {
  static final InputLayout LAYOUT = InputLayout.of(SIGNATURE);

  static double[][] fast(Format f, String body) {
    return f.protocol == Protocol.AZURE_SCORE
        ? FastRows.read(utf8(body), LAYOUT, ScoringLimits.DEFAULT, FuzzTest.AZURE, FuzzTest.AZURE)
        : FastRows.read(utf8(body), LAYOUT, ScoringLimits.DEFAULT, FuzzTest.SPLIT, FuzzTest.LISTS);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Format.class, names = {"AZURE_SPLIT", "AZURE_LIST", "MLFLOW_SPLIT", "MLFLOW_INSTANCES_ROWS", "MLFLOW_INPUTS_ROWS"})
  void commonShapesTakeTheFastPathWithTheSameRows(Format f) {
    String body = f.body(ROWS);
    double[][] fast = fast(f, body);

    assertThat(fast).isNotNull();
    assertThat(fast).isDeepEqualTo(f.decode(ROWS).rows());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Format.class, names = {"MLFLOW_RECORDS", "MLFLOW_INSTANCES_RECORDS", "MLFLOW_INPUTS_COLUMNS"})
  void otherShapesAreLeftToTheFullReader(Format f) {
    assertThat(fast(f, f.body(ROWS.subList(0, 3)))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "null", "\"1\"", "2.5", "1e400", "01", "1.", "-", "1 2", "[1]"})
  void anythingUnusualIsLeftToTheFullReader(String pregnancies) {
    String body = Format.AZURE_LIST.body(ROWS.subList(0, 2));
    String changed = body.replaceFirst("\\[\\[\\d+", "[[" + java.util.regex.Matcher.quoteReplacement(pregnancies));

    assertThat(changed).isNotEqualTo(body);
    assertThat(fast(Format.AZURE_LIST, changed)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"input_data\": [[1]], \"x\": 1}", "{\"input_data\": {\"data\": [[1]], \"columns\": [\"Age\"]}}",
      "{\"input_data\": []}", "{\"input_data\": [[1,2,3,4,5,6,7,8],]}", "{\"input_data\": [[1,2,3,4,5,6,7,8]]} x"})
  void otherFieldsDataFirstEmptyOrTrailingTextAreLeftToTheFullReader(String body) {
    assertThat(fast(Format.AZURE_LIST, body)).isNull();
  }
}
