package org.mloop.serving.protocol;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.models.ModelSignature;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictor;
import org.mloop.runtime.testing.ModelFolders;

/** One small trained logistic model shared by the codec tests, and request bodies for its rows. */
final class TestModel {
  static final List<PatientRow> ROWS = ModelFolders.patients(7, 50);
  static final Predictor PREDICTOR = load();
  static final ModelSignature SIGNATURE = PREDICTOR.model().signature();
  static final List<String> COLUMNS = List.of(ModelFolders.FEATURES);
  static final ScoringContext CONTEXT = new ScoringContext("diabetes-prod", "blue", "diabetes", 3, "req-1");

  private TestModel() {}

  private static Predictor load() {
    try {
      Path dir = Files.createTempDirectory("codec-model");
      ModelFolders.write(dir, ModelFolders.logistic(ModelFolders.patients(1, 1_000)), ROWS.subList(0, 3));
      return ModelLoader.load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A row's values as JSON text, whole numbers without a fraction: "0, 171, 80, 34, 23, 43.51, 1.21, 21". */
  static String values(PatientRow row) {
    double[] f = ModelFolders.features(row);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < f.length; i++) {
      b.append(i == 0 ? "" : ", ").append(number(f[i]));
    }
    return b.toString();
  }

  static String number(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** "[[...], [...]]" for the rows. */
  static String matrix(List<PatientRow> rows) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < rows.size(); i++) {
      b.append(i == 0 ? "[" : ", [").append(values(rows.get(i))).append(']');
    }
    return b.append(']').toString();
  }

  static String columnsJson() {
    return "[\"" + String.join("\", \"", COLUMNS) + "\"]";
  }

  /** The same rows in every request format the codecs read. */
  enum Format {
    AZURE_SPLIT(Protocol.AZURE_SCORE, "application/json"),
    AZURE_LIST(Protocol.AZURE_SCORE, "application/json"),
    MLFLOW_SPLIT(Protocol.MLFLOW_INVOCATIONS, "application/json"),
    MLFLOW_RECORDS(Protocol.MLFLOW_INVOCATIONS, "application/json; charset=utf-8"),
    MLFLOW_INSTANCES_RECORDS(Protocol.MLFLOW_INVOCATIONS, "application/json"),
    MLFLOW_INSTANCES_ROWS(Protocol.MLFLOW_INVOCATIONS, "application/json"),
    MLFLOW_INPUTS_COLUMNS(Protocol.MLFLOW_INVOCATIONS, "application/json"),
    MLFLOW_INPUTS_ROWS(Protocol.MLFLOW_INVOCATIONS, "application/json"),
    MLFLOW_CSV(Protocol.MLFLOW_INVOCATIONS, "text/csv"),
    V2_COLUMNS(Protocol.OPEN_INFERENCE_V2, "application/json"),
    V2_COLUMNS_N_BY_1(Protocol.OPEN_INFERENCE_V2, "application/json"),
    V2_MATRIX(Protocol.OPEN_INFERENCE_V2, "application/json");

    final Protocol protocol;
    final String contentType;

    Format(Protocol protocol, String contentType) {
      this.protocol = protocol;
      this.contentType = contentType;
    }

    String body(List<PatientRow> rows) {
      return switch (this) {
        case AZURE_SPLIT -> "{\"input_data\": " + split(rows) + "}";
        case AZURE_LIST -> "{\"input_data\": " + matrix(rows) + "}";
        case MLFLOW_SPLIT -> "{\"dataframe_split\": " + split(rows) + "}";
        case MLFLOW_RECORDS -> "{\"dataframe_records\": " + records(rows) + "}";
        case MLFLOW_INSTANCES_RECORDS -> "{\"instances\": " + records(rows) + ", \"params\": {\"x\": 1}}";
        case MLFLOW_INSTANCES_ROWS -> "{\"instances\": " + matrix(rows) + "}";
        case MLFLOW_INPUTS_COLUMNS -> "{\"inputs\": " + columnar(rows) + "}";
        case MLFLOW_INPUTS_ROWS -> "{\"inputs\": " + matrix(rows) + "}";
        case MLFLOW_CSV -> csv(rows);
        case V2_COLUMNS -> v2Columns(rows, false);
        case V2_COLUMNS_N_BY_1 -> v2Columns(rows, true);
        case V2_MATRIX -> "{\"id\": \"r-1\", \"inputs\": [{\"name\": \"input-0\", \"shape\": [" + rows.size() + ", "
            + COLUMNS.size() + "], \"datatype\": \"FP64\", \"data\": " + matrix(rows) + "}]}";
      };
    }

    ScoringInput decode(List<PatientRow> rows) {
      return protocol.codec().decode(SIGNATURE, contentType, utf8(body(rows)), ScoringLimits.DEFAULT);
    }
  }

  static String split(List<PatientRow> rows) {
    return "{\"columns\": " + columnsJson() + ", \"index\": [" + "0, ".repeat(rows.size() - 1) + "0], \"data\": "
        + matrix(rows) + "}";
  }

  static String records(List<PatientRow> rows) {
    StringBuilder b = new StringBuilder("[");
    for (int r = 0; r < rows.size(); r++) {
      double[] f = ModelFolders.features(rows.get(r));
      b.append(r == 0 ? "{" : ", {");
      for (int c = f.length - 1; c >= 0; c--) { // any field order
        b.append('"').append(COLUMNS.get(c)).append("\": ").append(number(f[c])).append(c == 0 ? "" : ", ");
      }
      b.append('}');
    }
    return b.append(']').toString();
  }

  static String columnar(List<PatientRow> rows) {
    StringBuilder b = new StringBuilder("{");
    for (int c = 0; c < COLUMNS.size(); c++) {
      b.append(c == 0 ? "" : ", ").append('"').append(COLUMNS.get(c)).append("\": [");
      for (int r = 0; r < rows.size(); r++) {
        b.append(r == 0 ? "" : ", ").append(number(ModelFolders.features(rows.get(r))[c]));
      }
      b.append(']');
    }
    return b.append('}').toString();
  }

  static String csv(List<PatientRow> rows) {
    StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
    for (PatientRow row : rows) {
      b.append(values(row).replace(", ", ",")).append('\n');
    }
    return b.toString();
  }

  static String v2Columns(List<PatientRow> rows, boolean nBy1) {
    StringBuilder b = new StringBuilder("{\"inputs\": [");
    for (int c = 0; c < COLUMNS.size(); c++) {
      boolean whole = SIGNATURE.inputs().get(c).type().name().equals("LONG");
      b.append(c == 0 ? "{" : ", {").append("\"name\": \"").append(COLUMNS.get(c)).append("\", \"shape\": [")
          .append(rows.size()).append(nBy1 ? ", 1]" : "]").append(", \"datatype\": \"").append(whole ? "INT64" : "FP64")
          .append("\", \"data\": [");
      for (int r = 0; r < rows.size(); r++) {
        b.append(r == 0 ? "" : ", ").append(number(ModelFolders.features(rows.get(r))[c]));
      }
      b.append("]}");
    }
    return b.append("]}").toString();
  }
}
