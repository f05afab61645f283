package org.mloop.serving.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mloop.serving.protocol.TestModel.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mloop.core.data.synth.PatientRow;

/**
 * Every refused request gets the right status and a message naming the column, field, row or limit,
 * in every format. Tables are written as JSON literals so that bad values can be put anywhere.
 */
class ValidationTest {
  /** Columns and rows of JSON literal values ("50", "\"abc\"", "null", "NaN"). */
  record Table(List<String> columns, List<List<String>> rows) {
    static Table of(List<PatientRow> patients) {
      List<List<String>> rows = new ArrayList<>();
      for (PatientRow p : patients) {
        rows.add(new ArrayList<>(Arrays.asList(values(p).split(", "))));
      }
      return new Table(new ArrayList<>(COLUMNS), rows);
    }

    Table set(int row, String column, String literal) {
      rows.get(row).set(columns.indexOf(column), literal);
      return this;
    }

    Table drop(String column) {
      int c = columns.indexOf(column);
      columns.remove(c);
      rows.forEach(r -> r.remove(c));
      return this;
    }

    Table add(String column, String literal) {
      columns.add(column);
      rows.forEach(r -> r.add(literal));
      return this;
    }
  }

  static boolean positional(Format f) {
    return switch (f) {
      case AZURE_LIST, MLFLOW_INSTANCES_ROWS, MLFLOW_INPUTS_ROWS, V2_MATRIX -> true;
      default -> false;
    };
  }

  static String body(Format f, Table t) {
    List<List<String>> rows = t.rows();
    return switch (f) {
      case AZURE_SPLIT -> "{\"input_data\": {\"columns\": " + names(t.columns()) + ", \"data\": " + matrix(rows) + "}}";
      case MLFLOW_SPLIT -> "{\"dataframe_split\": {\"columns\": " + names(t.columns()) + ", \"data\": " + matrix(rows) + "}}";
      case AZURE_LIST -> "{\"input_data\": " + matrix(rows) + "}";
      case MLFLOW_INSTANCES_ROWS -> "{\"instances\": " + matrix(rows) + "}";
      case MLFLOW_INPUTS_ROWS -> "{\"inputs\": " + matrix(rows) + "}";
      case MLFLOW_RECORDS -> "{\"dataframe_records\": " + records(t) + "}";
      case MLFLOW_INSTANCES_RECORDS -> "{\"instances\": " + records(t) + "}";
      case MLFLOW_INPUTS_COLUMNS -> "{\"inputs\": {" + columns(t, c -> "\"" + t.columns().get(c) + "\": ", "") + "}}";
      case MLFLOW_CSV -> csv(t);
      case V2_COLUMNS, V2_COLUMNS_N_BY_1 -> "{\"inputs\": [" + columns(t, c -> "{\"name\": \"" + t.columns().get(c)
          + "\", \"shape\": [" + rows.size() + (f == Format.V2_COLUMNS_N_BY_1 ? ", 1" : "") + "], \"datatype\": \""
          + (isLong(t.columns().get(c)) ? "INT64" : "FP64") + "\", \"data\": ", "}") + "]}";
      case V2_MATRIX -> "{\"inputs\": [{\"name\": \"x\", \"shape\": [" + rows.size() + ", " + t.columns().size()
          + "], \"datatype\": \"FP64\", \"data\": " + matrix(rows) + "}]}";
    };
  }

  static boolean isLong(String column) {
    return SIGNATURE.input(column).map(c -> c.type().name().equals("LONG")).orElse(false);
  }

  static String names(List<String> columns) {
    return "[\"" + String.join("\", \"", columns) + "\"]";
  }

  static String matrix(List<List<String>> rows) {
    return rows.stream().map(r -> "[" + String.join(", ", r) + "]").reduce((a, b) -> a + ", " + b)
        .map(s -> "[" + s + "]").orElse("[]");
  }

  static String records(Table t) {
    List<String> records = new ArrayList<>();
    for (List<String> row : t.rows()) {
      List<String> fields = new ArrayList<>();
      for (int c = 0; c < t.columns().size(); c++) {
        fields.add("\"" + t.columns().get(c) + "\": " + row.get(c));
      }
      records.add("{" + String.join(", ", fields) + "}");
    }
    return "[" + String.join(", ", records) + "]";
  }

  /** One "prefix[v, v, ...]suffix" per column, comma-joined. */
  static String columns(Table t, java.util.function.IntFunction<String> prefix, String suffix) {
    List<String> out = new ArrayList<>();
    for (int c = 0; c < t.columns().size(); c++) {
      int col = c;
      out.add(prefix.apply(c) + "[" + String.join(", ", t.rows().stream().map(r -> r.get(col)).toList()) + "]" + suffix);
    }
    return String.join(", ", out);
  }

  static String csv(Table t) {
    StringBuilder b = new StringBuilder(String.join(",", t.columns())).append('\n');
    for (List<String> row : t.rows()) {
      b.append(String.join(",", row.stream().map(v -> v.equals("null") ? "" : v.replace("\"", "")).toList())).append('\n');
    }
    return b.toString();
  }

  static ScoringException refuse(Format f, String body, ScoringLimits limits) {
    ScoringException e = catchThrowableOfType(ScoringException.class,
        () -> f.protocol.codec().decode(SIGNATURE, f.contentType, utf8(body), limits));
    assertThat(e).as("%s accepted %s", f, body).isNotNull();
    return e;
  }

  static ScoringException refuse(Format f, Table t) {
    return refuse(f, body(f, t), ScoringLimits.DEFAULT);
  }

  static Table three() {
    return Table.of(ROWS.subList(0, 3));
  }

  static Stream<Arguments> namedFormats() {
    return Arrays.stream(Format.values()).filter(f -> !positional(f)).map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedFormats")
  void missingColumnIsNamed(Format f) {
    ScoringException e = refuse(f, three().drop("Age"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("no column 'Age'");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedFormats")
  void unknownColumnIsNamed(Format f) {
    ScoringException e = refuse(f, three().add("Height", "170"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("unknown column 'Height'").contains("Pregnancies, PlasmaGlucose");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedFormats")
  void duplicateColumnIsNamed(Format f) {
    ScoringException e = refuse(f, three().add("BMI", "30"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("column 'BMI' twice");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Format.class, names = {"AZURE_LIST", "MLFLOW_INSTANCES_ROWS", "MLFLOW_INPUTS_ROWS"})
  void rowsWithTooFewValuesNameTheColumns(Format f) {
    ScoringException e = refuse(f, three().drop("Age"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("row 1 has 7 values but there are 8 columns").contains("Age");
  }

  @Test
  void matrixTensorOfTheWrongWidthNamesTheColumns() {
    ScoringException e = refuse(Format.V2_MATRIX, three().drop("Age"));

    assertThat(e.getMessage()).contains("shape [3, 7]").contains("8 columns").contains("Age");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void textInANumberColumnIsNamed(Format f) {
    ScoringException e = refuse(f, three().set(1, "Age", "\"fifty\""));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("'fifty'").contains(f == Format.V2_MATRIX ? "data[15]" : "Age");
    if (f.protocol != Protocol.OPEN_INFERENCE_V2) {
      assertThat(e.getMessage()).contains("input row 2, column 'Age': expected a number (long), found the text 'fifty'");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void fractionInAnIntegerColumnIsNamed(Format f) {
    ScoringException e = refuse(f, three().set(2, "Pregnancies", "2.5"));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("2.5");
    if (f != Format.V2_COLUMNS && f != Format.V2_COLUMNS_N_BY_1) {
      assertThat(e.getMessage()).contains("input row 3, column 'Pregnancies'")
          .contains("expected a whole number (long), found 2.5");
    } else {
      assertThat(e.getMessage()).contains("'Pregnancies' has datatype INT64 but data[2] is 2.5");
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void nullIsAMissingValue(Format f) {
    ScoringException e = refuse(f, three().set(0, "BMI", "null"));

    assertThat(e.status()).isEqualTo(400);
    if (f.protocol == Protocol.OPEN_INFERENCE_V2) {
      assertThat(e.getMessage()).contains("must be a number, found null");
    } else {
      assertThat(e.getMessage()).contains("input row 1, column 'BMI' has no value; the column is required");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("nonFinite")
  void nanAndInfinityAreNamed(Format f, String literal, String shown) {
    ScoringException e = refuse(f, three().set(1, "DiabetesPedigree", literal));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("input row 2, column 'DiabetesPedigree'")
        .contains("is " + shown + "; values must be finite numbers");
  }

  static Stream<Arguments> nonFinite() {
    return Arrays.stream(Format.values()).flatMap(f -> Stream.of(
        Arguments.of(f, "NaN", "NaN"), Arguments.of(f, "Infinity", "Infinity"),
        Arguments.of(f, "-Infinity", "-Infinity"), Arguments.of(f, "1e400", "Infinity")));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void noRowsIsRefused(Format f) {
    Table empty = new Table(new ArrayList<>(COLUMNS), new ArrayList<>());
    ScoringException e = refuse(f, empty);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("no rows");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void moreRowsThanTheLimitIs413NamingIt(Format f) {
    ScoringException e = refuse(f, f.body(ROWS.subList(0, 6)), new ScoringLimits(5, 1 << 20));

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.getMessage()).contains("more than 5 rows").contains("maxRows");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void exactlyTheRowLimitIsAccepted(Format f) {
    ScoringInput input = f.protocol.codec().decode(SIGNATURE, f.contentType, utf8(f.body(ROWS.subList(0, 5))),
        new ScoringLimits(5, 1 << 20));

    assertThat(input.size()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Format.class)
  void bodyOverTheSizeLimitIs413NamingIt(Format f) {
    String body = f.body(ROWS.subList(0, 3));
    ScoringException e = refuse(f, body, new ScoringLimits(100, body.length() - 1));

    assertThat(e.status()).isEqualTo(413);
    assertThat(e.getMessage()).contains(body.length() + " bytes").contains((body.length() - 1) + " bytes")
        .contains("maxBodyBytes");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Protocol.class)
  void malformedJsonNamesLineAndColumn(Protocol p) {
    ScoringException e = catchThrowableOfType(ScoringException.class, () -> p.codec().decode(SIGNATURE,
        "application/json", utf8("{\n  \"inputs\": ,\n}"), ScoringLimits.DEFAULT));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("not valid JSON at line 2, column 13");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Format.class, mode = EnumSource.Mode.EXCLUDE, names = "MLFLOW_CSV")
  void aNumberLongerThanTheLimitIs400NamingTheLimit(Format f) {
    String body = f.body(ROWS.subList(0, 1)).replaceFirst("(?<=[\\[:,] ?)-?\\d+(\\.\\d+)?", "1".repeat(2000));
    assertThat(body).contains("1".repeat(2000));

    ScoringException e = refuse(f, body, ScoringLimits.DEFAULT);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("the request body has a number longer than 1000 characters (the limit)");
  }

  @Test
  void nestingDeeperThanTheLimitIs400NamingTheLimit() {
    // MLflow's params are skipped unread, yet their nesting still counts.
    String body = "{\"params\": " + "[".repeat(150) + "]".repeat(150) + ", " + Format.MLFLOW_INPUTS_ROWS
        .body(ROWS.subList(0, 1)).substring(1);

    ScoringException e = refuse(Format.MLFLOW_INPUTS_ROWS, body, ScoringLimits.DEFAULT);

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("the request body nests objects and lists more than 100 levels deep (the limit)");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Protocol.class)
  void unsupportedContentTypeIs415(Protocol p) {
    ScoringException e = catchThrowableOfType(ScoringException.class, () -> p.codec().decode(SIGNATURE,
        "application/x-www-form-urlencoded", utf8("a=1"), ScoringLimits.DEFAULT));

    assertThat(e.status()).isEqualTo(415);
    assertThat(e.getMessage()).contains("'application/x-www-form-urlencoded'").contains("application/json");
  }

  @Test
  void mlflowWantsExactlyOneFormat() {
    String split = "\"dataframe_split\": " + split(ROWS.subList(0, 1));
    String records = "\"dataframe_records\": " + TestModel.records(ROWS.subList(0, 1));
    MlflowInvocationsCodec codec = new MlflowInvocationsCodec();

    assertThat(catchThrowableOfType(ScoringException.class, () -> codec.decode(SIGNATURE, "application/json",
        utf8("{" + split + ", " + records + "}"), ScoringLimits.DEFAULT)).getMessage())
        .contains("both dataframe_split and dataframe_records");
    assertThat(catchThrowableOfType(ScoringException.class, () -> codec.decode(SIGNATURE, "application/json",
        utf8("{\"data\": [[1]]}"), ScoringLimits.DEFAULT)).getMessage())
        .contains("the field 'data'").contains("dataframe_split, dataframe_records, instances or inputs");
  }

  @Test
  void v2ColumnsOfDifferentLengthsAreNamed() {
    String body = Format.V2_COLUMNS.body(ROWS.subList(0, 2)).replaceFirst("\"shape\": \\[2\\], \"datatype\": \"INT64\","
        + " \"data\": \\[(\\d+), (\\d+)\\]", "\"shape\": [1], \"datatype\": \"INT64\", \"data\": [$1]");
    ScoringException e = refuse(Format.V2_COLUMNS, body, ScoringLimits.DEFAULT);

    assertThat(e.getMessage()).contains("'PlasmaGlucose' has 2 rows but inputs[0] 'Pregnancies' has 1");
  }

  @Test
  void v2ShapeMustMatchData() {
    String body = Format.V2_MATRIX.body(ROWS.subList(0, 2)).replace("[2, 8]", "[3, 8]");
    ScoringException e = refuse(Format.V2_MATRIX, body, ScoringLimits.DEFAULT);

    assertThat(e.getMessage()).contains("inputs[0] 'input-0' has shape [3, 8], which is 24 values, but its data has 16");
  }

  @Test
  void v2RefusesTextTensors() {
    String body = Format.V2_MATRIX.body(ROWS.subList(0, 2)).replace("FP64", "BYTES");
    ScoringException e = refuse(Format.V2_MATRIX, body, ScoringLimits.DEFAULT);

    assertThat(e.getMessage()).contains("datatype 'BYTES'").contains("FP32, FP64, INT32 or INT64");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedFormats")
  void everyMissingColumnIsNamed(Format f) {
    ScoringException e = refuse(f, three().drop("BMI").drop("Age"));

    assertThat(e.getMessage()).contains("no columns 'BMI', 'Age'");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = Protocol.class)
  void truncatedJsonSaysWhereWithoutJacksonsSourceNotes(Protocol p) {
    ScoringException e = catchThrowableOfType(ScoringException.class, () -> p.codec().decode(SIGNATURE,
        "application/json", utf8(p == Protocol.OPEN_INFERENCE_V2 ? "{\"inputs\": [{\"data\": [1, 2" : "{\"inputs\": [[1, 2"),
        ScoringLimits.DEFAULT));

    assertThat(e.status()).isEqualTo(400);
    assertThat(e.getMessage()).contains("not valid JSON at line 1").contains("(start marker at line 1, column ")
        .doesNotContain("Source").doesNotContain("REDACTED");
  }
}
