package org.mloop.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.metrics.BinaryMetrics;
import org.mloop.core.registry.ModelEvaluator;
import org.mloop.core.registry.ModelEvaluator.CsvFile;
import org.mloop.runtime.testing.ModelFolders;

/**
 * The champion gate's scorer: a data asset's CSV files read as training reads them (quoted or not,
 * in several files), a model folder loaded in its flavor, and its metrics against the label column.
 */
class RuntimeModelEvaluatorTest {
  private static final int ROWS = 400;
  @TempDir static Path temp;
  static Path model;
  static String plain;

  @BeforeAll
  static void trainAModelAndWriteHeldOutData() throws IOException {
    model = ModelFolders.write(temp.resolve("model"), ModelFolders.logistic(ModelFolders.patients(1, 500)),
        ModelFolders.patients(2, 3));
    StringWriter csv = new StringWriter();
    new DiabetesSynthesizer(5).write(csv, ROWS);
    plain = csv.toString();
  }

  private final ModelEvaluator evaluator = new RuntimeModelEvaluator();

  @Test
  void theMetricsAreThoseOfTheModelsOwnProbabilitiesAgainstTheLabelColumnItNames() {
    ModelEvaluator.HeldOutRows rows = evaluator.read("mloop:holdout:1", List.of(file("diabetes.csv", plain)));
    Map<String, Double> metrics = rows.score(model, "diabetes:1", null);

    List<PatientRow> patients = ModelFolders.patients(5, ROWS);
    Predictions predictions = ModelLoader.load(model).predict(ModelFolders.batch(patients));
    int[] labels = patients.stream().mapToInt(PatientRow::diabetic).toArray();
    double[] positive = new double[ROWS];
    for (int i = 0; i < ROWS; i++) {
      positive[i] = predictions.probability(i, "1");
    }
    assertThat(rows.size()).isEqualTo(ROWS);
    assertThat(metrics.get("AUC")).isCloseTo(BinaryMetrics.auc(labels, positive), within(1e-9));
    assertThat(metrics).containsKeys("Accuracy", "Precision", "Recall");
    assertThat(rows.score(model, "diabetes:1", "Diabetic")).as("the label column named as the model names it")
        .isEqualTo(metrics);
  }

  @Test
  void quotedFilesSplitInTwoScoreAsThePlainFile() {
    Map<String, Double> fromPlain = evaluator.read("plain", List.of(file("diabetes.csv", plain))).score(model, "m", null);
    List<String> quoted = spreadsheetLines(plain);
    int half = quoted.size() / 2;
    String header = quoted.get(0);
    String first = "\uFEFF" + String.join("\r\n", quoted.subList(0, half)) + "\r\n";
    String second = "\uFEFF" + header + "\r\n" + String.join("\r\n", quoted.subList(half, quoted.size())) + "\r\n";

    ModelEvaluator.HeldOutRows rows = evaluator.read("quoted", List.of(file("part-0.csv", first),
        file("part-1.csv", second)));

    assertThat(rows.size()).isEqualTo(ROWS);
    assertThat(rows.score(model, "m", null)).isEqualTo(fromPlain);
  }

  @Test
  void unreadableDataAndMissingColumnsAreNamed() {
    String broken = plain.replaceFirst("\n(\\d+),", "\n\"$1,"); // the first row's id opens a quote it never closes
    assertThatThrownBy(() -> evaluator.read("broken", List.of(file("part-0.csv", broken))))
        .isInstanceOf(MloopException.class).hasMessageContaining("part-0.csv");
    assertThatThrownBy(() -> evaluator.read("two", List.of(file("a.csv", plain), file("b.csv", "x,y\n1,2\n"))))
        .isInstanceOf(MloopException.class).hasMessageContaining("b.csv");

    ModelEvaluator.HeldOutRows rows = evaluator.read("holdout", List.of(file("diabetes.csv", plain)));
    assertThatThrownBy(() -> rows.score(model, "diabetes:1", "Outcome")).hasMessageContaining("Outcome");
  }

  private static CsvFile file(String name, String text) {
    return new CsvFile(name, () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** Every value quoted and a free-text Notes column (commas, doubled quotes) after the first. */
  private static List<String> spreadsheetLines(String csv) {
    List<String> lines = csv.lines().toList();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<String> cells = new ArrayList<>(List.of(lines.get(i).split(",", -1)));
      cells.add(1, i == 0 ? "Notes" : "seen by Dr. \"Smith\", ward " + (i % 7));
      out.add(String.join(",", cells.stream().map(c -> '"' + c.replace("\"", "\"\"") + '"').toList()));
    }
    return out;
  }
}
