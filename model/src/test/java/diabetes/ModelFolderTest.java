package diabetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mloop.core.MloopException;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.runtime.Batch;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;
import org.mloop.runtime.TribuoFlavor;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/** The folder ModelWriter writes is a valid MLflow-layout model that the runtime loads and scores identically. */
class ModelFolderTest {
  @TempDir static Path data;
  @TempDir Path dir;

  static DiabetesData.Split split;

  @BeforeAll
  static void syntheticPatients() throws Exception {
    Path csv = data.resolve("patients.csv");
    new DiabetesSynthesizer(7).write(csv, 3_000);
    split = DiabetesData.load(csv).split(Train.TRAIN_FRACTION, Train.SPLIT_SEED);
  }

  /** Trains, evaluates and writes like Train does; returns the training-time evaluation. */
  static Evaluation trainAndWrite(ModelKind kind, DiabetesData.Split split, Path dir) throws Exception {
    return write(train(kind, split.train()), kind, split, dir);
  }

  static Model<Label> train(ModelKind kind, DiabetesData train) {
    return kind == ModelKind.GRADIENT_BOOSTING ? GradientBoosting.train(train) : LogisticRegression.train(train, 0.01);
  }

  static Evaluation write(Model<Label> model, ModelKind kind, DiabetesData.Split split, Path dir) throws Exception {
    Evaluation evaluation = Evaluation.of(model, split.test());
    ModelWriter.ModelInfo info = new ModelWriter.ModelInfo(ModelWriter.MODEL_FILE, "tribuo", "4.3.2",
        kind.optionName(), "test", DiabetesData.FEATURES, DiabetesData.LABEL, java.util.List.of("0", "1"), "1",
        null, Map.of(), split.train().size(), split.test().size(), Map.of("AUC", evaluation.auc()));
    ModelWriter.write(dir, model, info, split.test(), null);
    return evaluation;
  }

  /** The synthetic split's models, trained once for the whole class (boosting takes seconds). */
  private static final Map<ModelKind, Model<Label>> TRAINED = new java.util.EnumMap<>(ModelKind.class);

  private static Evaluation writeSynthetic(ModelKind kind, Path dir) throws Exception {
    return write(TRAINED.computeIfAbsent(kind, k -> train(k, split.train())), kind, split, dir);
  }

  /** Asserts that the loaded folder predicts exactly what the model predicted at training time. */
  static void assertReproduces(Path dir, DiabetesData test, Evaluation atTraining) {
    Predictor predictor = ModelLoader.load(dir);
    Predictions loaded = predictor.predict(ModelWriter.batch(test));
    assertThat(loaded.probabilities("1")).containsExactly(atTraining.scores());
    assertThat(loaded.labels()).containsExactly(atTraining.predictedLabels());
  }

  @ParameterizedTest
  @EnumSource(ModelKind.class)
  void loadingTheFolderReproducesTheTestSplitPredictionsExactly(ModelKind kind) throws Exception {
    Evaluation atTraining = writeSynthetic(kind, dir);

    assertReproduces(dir, split.test(), atTraining);
  }

  @Test
  void mlmodelDescribesFlavorSignatureExampleAndChecksums() throws Exception {
    writeSynthetic(ModelKind.GRADIENT_BOOSTING, dir);

    MlModel model = MlModelFiles.read(dir);

    assertThat(model.flavor(TribuoFlavor.NAME).orElseThrow())
        .containsEntry("model_file", "model.tribuo")
        .containsEntry("model_class", "org.tribuo.common.xgboost.XGBoostModel")
        .containsEntry("label", "Diabetic")
        .containsEntry("positive_class", "1");
    assertThat(model.signature().inputs()).containsExactly(
        ColumnSpec.of("Pregnancies", ColumnType.LONG), ColumnSpec.of("PlasmaGlucose", ColumnType.LONG),
        ColumnSpec.of("DiastolicBloodPressure", ColumnType.LONG), ColumnSpec.of("TricepsThickness", ColumnType.LONG),
        ColumnSpec.of("SerumInsulin", ColumnType.LONG), ColumnSpec.of("BMI", ColumnType.DOUBLE),
        ColumnSpec.of("DiabetesPedigree", ColumnType.DOUBLE), ColumnSpec.of("Age", ColumnType.LONG));
    assertThat(model.signature().outputs()).extracting(ColumnSpec::name).containsExactly("Diabetic", "probability");
    assertThat(model.runId()).isNull();
    assertThat(model.checksums()).containsOnlyKeys("model.tribuo", "model.json", "input_example.json");

    Batch example = Batch.parseDataframeSplit(Files.readString(dir.resolve("input_example.json")));
    assertThat(example.columns()).isEqualTo(DiabetesData.FEATURES);
    assertThat(example.size()).isEqualTo(ModelWriter.EXAMPLE_ROWS);
    assertThat(example.rows().get(0).get(0)).isInstanceOf(Number.class);
    assertThat(ModelLoader.load(dir).predict(example).size()).isEqualTo(ModelWriter.EXAMPLE_ROWS);
  }

  @Test
  void rewritingAFolderReplacesItsMlmodel() throws Exception {
    writeSynthetic(ModelKind.GRADIENT_BOOSTING, dir);
    Evaluation second = writeSynthetic(ModelKind.LOGISTIC_REGRESSION, dir);

    assertReproduces(dir, split.test(), second);
  }

  @Test
  void changedOrAddedFilesAreRefused() throws Exception {
    writeSynthetic(ModelKind.LOGISTIC_REGRESSION, dir);
    Files.writeString(dir.resolve("notes.txt"), "added later");
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("has file 'notes.txt' that the MLmodel checksums do not list");

    Files.delete(dir.resolve("notes.txt"));
    Files.writeString(dir.resolve("model.json"), "{}");
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("checksum mismatch for model.json: expected ");

    Files.delete(dir.resolve("MLmodel"));
    assertThatThrownBy(() -> ModelLoader.load(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("has no MLmodel file");
  }
}
