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
}
