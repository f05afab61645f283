package org.mloop.runtime;

import org.mloop.runtime.testing.ModelFolders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mloop.core.MloopException;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.core.models.MlModelFiles;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;

class ModelLoaderTest {
  @TempDir Path dir;

  static final List<PatientRow> TRAIN = ModelFolders.patients(1, 2_000);
  static final List<PatientRow> TEST = ModelFolders.patients(2, 300);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"logistic", "boosted"})
  void loadedModelReproducesTheTrainedModelsProbabilitiesExactly(String kind) throws Exception {
    Model<Label> trained = kind.equals("logistic") ? ModelFolders.logistic(TRAIN) : ModelFolders.boosted(TRAIN);
    List<Prediction<Label>> expected = trained.predict(ModelFolders.dataset(TEST));
    ModelFolders.write(dir, trained, TEST.subList(0, 3));

    Predictor predictor = ModelLoader.load(dir);
    Predictions actual = predictor.predict(ModelFolders.batch(TEST));

    assertThat(predictor.classes()).containsExactly("0", "1");
    assertThat(predictor.positiveClass()).isEqualTo("1");
    assertThat(actual.size()).isEqualTo(TEST.size());
    for (int i = 0; i < TEST.size(); i++) {
      Prediction<Label> p = expected.get(i);
      assertThat(actual.labels().get(i)).isEqualTo(p.getOutput().getLabel());
      assertThat(actual.probability(i, "1")).isEqualTo(p.getOutputScores().get("1").getScore());
      assertThat(actual.probability(i, "0")).isEqualTo(p.getOutputScores().get("0").getScore());
    }
  }

  @Test
  void inputExampleInTheFolderScores() throws Exception {
    ModelFolders.write(dir, ModelFolders.logistic(TRAIN), TEST.subList(0, 3));
    Predictor predictor = ModelLoader.load(dir);

    Batch example = Batch.parseDataframeSplit(Files.readString(dir.resolve("input_example.json")));
    Predictions predictions = predictor.predict(example);

    assertThat(predictions.labels()).hasSize(3).allMatch(l -> l.equals("0") || l.equals("1"));
    assertThat(java.util.Arrays.stream(predictions.probabilities("1")).boxed().toList()).allMatch(p -> p > 0 && p < 1);
  }

  @Test
  void warmLoadTimeIsPrinted() throws Exception {
    ModelFolders.write(dir, ModelFolders.boosted(TRAIN), TEST.subList(0, 3));
    ModelLoader.load(dir);
    long start = System.nanoTime();
    int loads = 20;
    for (int i = 0; i < loads; i++) {
      ModelLoader.load(dir);
    }
    System.out.printf("warm ModelLoader.load of an XGBoost model folder: %.2f ms%n",
        (System.nanoTime() - start) / 1e6 / loads);
  }

  @Test
  void refusesBatchesThatDoNotMatchTheSignature() throws Exception {
    Predictor predictor = ModelLoader.load(ModelFolders.write(dir, ModelFolders.logistic(TRAIN), TEST.subList(0, 3)));
    Batch good = ModelFolders.batch(TEST.subList(0, 2));

    assertRefused(predictor, without(good, "Age"), "input has no column 'Age'");
    assertRefused(predictor, withColumn(good, "Height", 1.8), "input has unknown column 'Height'");
    assertRefused(predictor, replace(good, 1, "Age", "fifty"), "input row 2, column 'Age': expected a number (long), found the text 'fifty'");
    assertRefused(predictor, replace(good, 0, "Pregnancies", 2.5), "input row 1, column 'Pregnancies': expected a whole number (long), found 2.5");
    assertRefused(predictor, replace(good, 0, "BMI", Double.NaN), "input row 1, column 'BMI' is NaN");
    assertRefused(predictor, replace(good, 1, "BMI", Double.POSITIVE_INFINITY), "input row 2, column 'BMI' is Infinity");
    assertRefused(predictor, replace(good, 0, "BMI", null), "input row 1, column 'BMI' has no value");
    assertRefused(predictor, replace(good, 0, "Age", true), "column 'Age': expected a number (long), found Boolean true");
  }

  @Test
  void acceptsWholeDoublesForIntegerColumnsAndColumnsInAnyOrder() throws Exception {
    Predictor predictor = ModelLoader.load(ModelFolders.write(dir, ModelFolders.logistic(TRAIN), TEST.subList(0, 3)));
    Batch good = ModelFolders.batch(TEST.subList(0, 2));
    List<String> reversed = new ArrayList<>(good.columns());
    java.util.Collections.reverse(reversed);
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : good.rows()) {
      List<Object> r = new ArrayList<>(row);
      java.util.Collections.reverse(r);
      r.set(0, ((Number) r.get(0)).doubleValue()); // Age as 42.0
      rows.add(r);
    }

    Predictions shuffled = predictor.predict(new Batch(reversed, rows));

    assertThat(shuffled.probabilities("1")).containsExactly(predictor.predict(good).probabilities("1"));
  }

  @Test
  void refusesBadFolders() throws Exception {
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("has no MLmodel file");

    ModelFolders.write(dir, ModelFolders.logistic(TRAIN), TEST.subList(0, 3));
    byte[] bytes = Files.readAllBytes(dir.resolve("model.tribuo"));
    bytes[bytes.length / 2] ^= 1;
    Files.write(dir.resolve("model.tribuo"), bytes);
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("checksum mismatch for model.tribuo");
  }

  @Test
  void refusesFolderWhoseFlavorDoesNotMatchItsModel() throws Exception {
    ModelFolders.write(dir, ModelFolders.logistic(TRAIN), TEST.subList(0, 3));
    String yaml = Files.readString(dir.resolve("MLmodel"));
    Files.writeString(dir.resolve("MLmodel"),
        yaml.replace("org.tribuo.classification.liblinear.LibLinearClassificationModel", "org.tribuo.Other"));
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("but the MLmodel says model_class org.tribuo.Other");

    Files.writeString(dir.resolve("MLmodel"), yaml.replace("positive_class: \"1\"", "positive_class: \"yes\""));
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("positive_class 'yes' is not one of the model's classes [0, 1]");

    Files.writeString(dir.resolve("MLmodel"), yaml.replace("- \"1\"", "- \"2\""));
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("the MLmodel lists classes [0, 2] but the model predicts [0, 1]");

    Files.writeString(dir.resolve("MLmodel"), yaml.replace("mloop_tribuo:", "sklearn:"));
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("has flavor [sklearn], none of which mloop serves; it serves mloop_tribuo");
  }

  @Test
  void refusesModelsWithoutProbabilities() throws Exception {
    ModelFolders.write(dir, ModelFolders.svm(TRAIN), TEST.subList(0, 3));
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("does not produce class probabilities");
  }

  @Test
  void writtenFolderPassesTheRegistrysCheck() throws Exception {
    ModelFolders.write(dir, ModelFolders.boosted(TRAIN), TEST.subList(0, 3));
    assertThat(MlModelFiles.read(dir).checksums()).containsOnlyKeys("model.tribuo", "input_example.json");
  }

  private static void assertRefused(Predictor predictor, Batch batch, String message) {
    assertThatThrownBy(() -> predictor.predict(batch)).isInstanceOf(MloopException.class).hasMessageContaining(message);
  }

  private static Batch without(Batch b, String column) {
    int at = b.columns().indexOf(column);
    List<String> columns = new ArrayList<>(b.columns());
    columns.remove(at);
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : b.rows()) {
      List<Object> r = new ArrayList<>(row);
      r.remove(at);
      rows.add(r);
    }
    return new Batch(columns, rows);
  }

  private static Batch withColumn(Batch b, String column, Object value) {
    List<String> columns = new ArrayList<>(b.columns());
    columns.add(column);
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : b.rows()) {
      List<Object> r = new ArrayList<>(row);
      r.add(value);
      rows.add(r);
    }
    return new Batch(columns, rows);
  }

  private static Batch replace(Batch b, int rowIndex, String column, Object value) {
    int at = b.columns().indexOf(column);
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> row : b.rows()) {
      rows.add(new ArrayList<>(row));
    }
    rows.get(rowIndex).set(at, value);
    return new Batch(b.columns(), rows);
  }
}
