package diabetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.json.Json;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictor;
import org.tribuo.Model;
import org.tribuo.classification.Label;

class TrainTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private Path data;

  @BeforeEach
  void syntheticData() throws IOException {
    data = dir.resolve("data");
    new DiabetesSynthesizer(21).write(data.resolve("part-1.csv"), 1_500);
    new DiabetesSynthesizer(22).write(data.resolve("part-2.csv"), 1_500);
  }

  @Test
  void trainsOnAFolderAndWritesTheModelAndItsDescription() throws IOException {
    Path output = dir.resolve("model");

    int code = run("--training_data", data.toString(), "--reg_rate", "0.1", "--model_output", output.toString());

    assertThat(code).as(stderr()).isZero();
    assertThat(stdout()).contains("Read 3000 rows").contains("from 2 CSV file(s)").contains("Test split (900 rows)");
    JsonNode info = Json.mapper().readTree(output.resolve("model.json").toFile());
    assertThat(info.get("features")).extracting(JsonNode::asText).containsExactly(
        "Pregnancies", "PlasmaGlucose", "DiastolicBloodPressure", "TricepsThickness",
        "SerumInsulin", "BMI", "DiabetesPedigree", "Age");
    assertThat(info.get("label").asText()).isEqualTo("Diabetic");
    assertThat(info.get("classes")).extracting(JsonNode::asText).containsExactly("0", "1");
    assertThat(info.get("reg_rate").asDouble()).isEqualTo(0.1);
    assertThat(info.get("model").asText()).isEqualTo("logistic_regression");
    assertThat(ModelLoader.load(output).model().signature().inputNames()).isEqualTo(DiabetesData.FEATURES);
    assertThat(info.get("training_rows").asInt()).isEqualTo(2_100);
    assertThat(info.get("metrics").get("AUC").asDouble()).isBetween(0.75, 0.95);
    assertThat(info.get("metrics").get("Accuracy").asDouble()).isBetween(0.6, 1.0);
  }

  @Test
  void theSavedModelLoadsBackAndPredicts() throws IOException {
    Path output = dir.resolve("model");
    run("--training_data", data.resolve("part-1.csv").toString(), "--model_output", output.toString());

    Model<?> loaded = Model.deserializeFromFile(output.resolve(ModelWriter.MODEL_FILE));

    Model<Label> model = loaded.castModel(Label.class);
    DiabetesData rows = DiabetesData.load(data.resolve("part-2.csv"));
    Evaluation evaluation = Evaluation.of(model, rows);
    assertThat(evaluation.auc()).isGreaterThan(0.75);
  }

  @Test
  void gradientBoostingWritesAModelFolderTheRuntimeLoads() throws IOException {
    Path output = dir.resolve("gbm");

    int code = run("--training_data", data.toString(), "--model", "gradient_boosting", "--model_output", output.toString());

    assertThat(code).as(stderr()).isZero();
    assertThat(stdout()).contains("Trained gradient-boosted trees (XGBoost hist, 300 trees");
    JsonNode info = Json.mapper().readTree(output.resolve("model.json").toFile());
    assertThat(info.get("model").asText()).isEqualTo("gradient_boosting");
    assertThat(info.has("reg_rate")).isFalse();
    assertThat(info.get("hyperparameters").get("n_estimators").asInt()).isEqualTo(300);
    assertThat(info.get("metrics").get("AUC").asDouble()).isGreaterThan(0.9);
    Predictor predictor = ModelLoader.load(output);
    assertThat(predictor.model().flavor("mloop_tribuo").orElseThrow())
        .containsEntry("model_class", "org.tribuo.common.xgboost.XGBoostModel");
    DiabetesData rows = DiabetesData.load(data.resolve("part-2.csv")).head(10);
    assertThat(predictor.predict(ModelWriter.batch(rows)).size()).isEqualTo(10);
  }

  @Test
  void outsideAJobTheRunPrintsParamsMetricsAndTheRocArtifact() throws IOException {
    // MloopRun prints to the process's standard error when there is no job run to log to.
    ByteArrayOutputStream tracking = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(tracking, true, StandardCharsets.UTF_8));
    try {
      run("--training_data=" + data, "--model_output=" + dir.resolve("model"));
    } finally {
      System.setErr(originalErr);
    }

    assertThat(tracking.toString(StandardCharsets.UTF_8)).contains("param model=logistic_regression")
        .contains("param reg_rate=0.01").contains("metric Accuracy=").contains("metric AUC=")
        .contains("artifact ROC-Curve.png <- ");
    String rocLine = stdout().lines().filter(l -> l.startsWith("ROC curve: ")).findFirst().orElseThrow();
    BufferedImage png = ImageIO.read(Path.of(rocLine.substring("ROC curve: ".length())).toFile());
    assertThat(png.getWidth()).isEqualTo(RocChart.WIDTH);
    assertThat(png.getHeight()).isEqualTo(RocChart.HEIGHT);
  }

  @Test
  void aMissingPathFailsWithOneMessageAndNoStackTrace() {
    Path missing = dir.resolve("missing");

    int code = run("--training_data", missing.toString(), "--model_output", dir.resolve("m").toString());

    assertThat(code).isEqualTo(Train.EXIT_BAD_INPUT);
    assertThat(stderr()).startsWith("error: training data path " + missing + " does not exist").doesNotContain("\tat ");
    assertThat(dir.resolve("m")).doesNotExist();
  }

  @Test
  void aFolderWithoutCsvFilesFails() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));

    int code = run("--training_data", empty.toString(), "--model_output", dir.resolve("m").toString());

    assertThat(code).isEqualTo(Train.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("has no *.csv files");
  }

  @Test
  void aCsvWithoutARequiredColumnFailsNamingFileAndColumn() throws IOException {
    Path csv = dir.resolve("no-glucose.csv");
    List<String> lines = Files.readAllLines(data.resolve("part-1.csv"));
    Files.write(csv, lines.stream().map(l -> l.replaceFirst("^([^,]*,[^,]*),[^,]*", "$1")).toList());

    int code = run("--training_data", csv.toString(), "--model_output", dir.resolve("m").toString());

    assertThat(code).isEqualTo(Train.EXIT_BAD_INPUT);
    assertThat(stderr()).contains(csv.toString()).contains("no column 'PlasmaGlucose'");
  }

  @Test
  void badOptionsAreExplainedWithTheUsage() {
    assertThat(run("--training_data", data.toString())).isEqualTo(Train.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("option --model_output is required").contains("usage:");

    err.reset();
    assertThat(run("--training_data", data.toString(), "--model_output", "m", "--reg_rate", "-1"))
        .isEqualTo(Train.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("--reg_rate must be a positive number");

    err.reset();
    assertThat(run("--training_data", data.toString(), "--model_output", "m", "--model", "random_forest"))
        .isEqualTo(Train.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("--model must be one of logistic_regression, gradient_boosting, got 'random_forest'");

    err.reset();
    assertThat(run("--learning_rate", "0.1")).isEqualTo(Train.EXIT_BAD_INPUT);
    assertThat(stderr()).contains("unknown option --learning_rate");
  }

  private int run(String... args) {
    try {
      return Train.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
