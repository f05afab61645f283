package org.mloop.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mloop.core.MloopException;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ServableFlavors;
import org.mloop.runtime.Batch;
import org.mloop.runtime.ModelFlavors;
import org.mloop.runtime.ModelLoader;
import org.mloop.runtime.Predictions;
import org.mloop.runtime.Predictor;
import org.mloop.runtime.onnx.testing.SklearnOnnxModels;
import org.mloop.runtime.onnx.testing.SklearnOnnxModels.Trained;

/**
 * A logistic regression trained by scikit-learn in Python and converted to ONNX loads through
 * ModelLoader's flavor registry and gives scikit-learn's probabilities, whatever layout the converter
 * chose for inputs and outputs.
 */
class OnnxFlavorTest {
  static final int TEST_ROWS = 300;

  @TempDir Path dir;

  @BeforeAll
  static void pythonWithOnnxAndSklearn() {
    Assumptions.assumeTrue(SklearnOnnxModels.unavailable() == null, SklearnOnnxModels.unavailable());
  }

  @Test
  void theOnnxFlavorIsInstalledBesideTribuoAndTheDeploymentCheckSeesIt() {
    assertThat(ModelFlavors.installed().names()).containsExactly("mloop_tribuo", "onnx");
    assertThat(ServableFlavors.installed()).containsExactly("mloop_tribuo", "onnx");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"double", "columns", "zipmap"})
  void scoresAsScikitLearnDoesForEachLayoutAConverterWrites(String layout) throws IOException {
    Trained model = SklearnOnnxModels.train(dir, layout, 2_000, TEST_ROWS);
    MlModelFiles.seal(model.folder()); // MLflow writes no checksums; registration adds them

    Predictor predictor = ModelLoader.load(model.folder());
    Batch rows = model.testRows();
    Predictions predictions = predictor.predict(rows.select(predictor.model().signature().inputNames()));

    assertThat(predictor.classes()).isEqualTo(model.classes()).containsExactly("0", "1");
    assertThat(predictor.positiveClass()).isEqualTo("1");
    assertThat(predictions.size()).isEqualTo(TEST_ROWS);
    // double graphs compute what scikit-learn computes; the ZipMap graph (as skl2onnx writes it) computes in float
    double tolerance = layout.equals("zipmap") ? 1e-6 : 1e-12;
    int labelsDiffer = 0;
    for (int i = 0; i < TEST_ROWS; i++) {
      for (int k = 0; k < 2; k++) {
        assertThat(predictions.probabilities()[i][k]).as("row %d, class %d", i, k)
            .isCloseTo(model.probabilities()[i][k], within(tolerance));
      }
      labelsDiffer += predictions.labels().get(i).equals(model.labels().get(i)) ? 0 : 1;
    }
    assertThat(labelsDiffer).as("labels that differ from scikit-learn's predict").isZero();
  }

  @Test
  void aModelSaysWhatItIsAboutInMlflowMetadataAndRowsAreCheckedAgainstTheSignature() throws IOException {
    Trained model = SklearnOnnxModels.train(dir, "double", 500, 10);
    MlModelFiles.seal(model.folder());
    Predictor predictor = ModelLoader.load(model.folder());
    assertThat(predictor.model().declared("label")).contains("Diabetic");

    Batch rows = model.testRows();
    assertThatThrownBy(() -> predictor.predict(rows)).isInstanceOf(MloopException.class)
        .hasMessageContaining("input has unknown column 'PatientID'");
    assertThat(predictor.predict(new Batch(predictor.model().signature().inputNames(), List.of())).size())
        .as("an empty batch").isZero();
  }

  @Test
  void refusesAGraphWhoseInputsDoNotFitTheSignature() throws IOException {
    Trained model = SklearnOnnxModels.train(dir, "double", 500, 10);
    String mlmodel = Files.readString(model.folder().resolve("MLmodel"));
    Files.writeString(model.folder().resolve("MLmodel"), mlmodel.replace("{\\\"type\\\": \\\"long\\\", \\\"name\\\": "
        + "\\\"Age\\\", \\\"required\\\": true}", "{\\\"type\\\": \\\"long\\\", \\\"name\\\": \\\"Age\\\", \\\"required\\\": "
        + "true}, {\\\"type\\\": \\\"double\\\", \\\"name\\\": \\\"Height\\\", \\\"required\\\": true}"));
    MlModelFiles.seal(model.folder());

    assertThatThrownBy(() -> ModelLoader.load(model.folder())).isInstanceOf(MloopException.class)
        .hasMessageContaining("the ONNX graph's input 'input' has shape [?, 8]; mloop feeds one [N, 9] tensor");
  }

  @Test
  void refusesAPositiveClassTheModelDoesNotHaveAndSessionOptionsOnnxRuntimeCannotTake() throws IOException {
    Trained model = SklearnOnnxModels.train(dir, "double", 500, 10);
    Path mlmodel = model.folder().resolve("MLmodel");
    String yaml = Files.readString(mlmodel);
    MlModelFiles.seal(model.folder());
    String sealed = Files.readString(mlmodel);

    Files.writeString(mlmodel, sealed.replace("positive_class: \"1\"", "positive_class: \"yes\""));
    assertThatThrownBy(() -> ModelLoader.load(model.folder())).isInstanceOf(MloopException.class)
        .hasMessageContaining("metadata.positive_class 'yes' is not one of the classes [0, 1]");

    Files.writeString(mlmodel, sealed.replace("onnx_session_options: null",
        "onnx_session_options:\n      intra_op_num_threads: 2.5"));
    assertThatThrownBy(() -> ModelLoader.load(model.folder())).isInstanceOf(MloopException.class)
        .hasMessageContaining("flavor onnx's onnx_session_options.intra_op_num_threads is '2.5'");

    Files.writeString(mlmodel, sealed.replace("data: \"model.onnx\"", "data: \"graph.onnx\""));
    assertThatThrownBy(() -> ModelLoader.load(model.folder())).isInstanceOf(MloopException.class)
        .hasMessageContaining("flavor onnx names data 'graph.onnx', which the folder does not have");
    assertThat(yaml).doesNotContain("checksums");
  }
}
