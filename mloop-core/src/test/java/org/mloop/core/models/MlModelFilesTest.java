package org.mloop.core.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;

class MlModelFilesTest {
  @TempDir Path dir;

  static final ModelSignature SIGNATURE = new ModelSignature(
      List.of(ColumnSpec.of("Pregnancies", ColumnType.LONG), ColumnSpec.of("BMI", ColumnType.DOUBLE)),
      List.of(ColumnSpec.of("Diabetic", ColumnType.LONG), ColumnSpec.of("probability", ColumnType.DOUBLE)));

  MlModel writeValidFolder() throws IOException {
    Files.writeString(dir.resolve("model.tribuo"), "model bytes");
    Files.writeString(dir.resolve("input_example.json"), "{\"columns\":[\"Pregnancies\",\"BMI\"],\"data\":[[1,2.5]]}");
    Files.createDirectories(dir.resolve("extra"));
    Files.writeString(dir.resolve("extra/model.json"), "{}");
    MlModel model = MlModel.create("model",
        Map.of("mloop_tribuo", Map.of("model_file", "model.tribuo", "label", "Diabetic")),
        "0123456789abcdef0123456789abcdef", SIGNATURE, InputExampleInfo.dataframeSplit("input_example.json"));
    return MlModelFiles.write(dir, model);
  }

  @Test
  void writtenFolderReadsBackWithEveryFileChecksummed() throws IOException {
    MlModel written = writeValidFolder();

    MlModel read = MlModelFiles.read(dir);

    assertThat(read).isEqualTo(written);
    assertThat(read.checksums()).containsOnlyKeys("model.tribuo", "input_example.json", "extra/model.json")
        .containsEntry("model.tribuo", ContentHash.ofFile(dir.resolve("model.tribuo")));
    assertThat(read.signature().input("BMI")).contains(ColumnSpec.of("BMI", ColumnType.DOUBLE));
    assertThat(read.flavor("mloop_tribuo")).hasValueSatisfying(f -> assertThat(f).containsEntry("label", "Diabetic"));
    assertThat(read.modelUuid()).matches("[0-9a-f]{32}");
    assertThat(read.utcTimeCreated()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
  }

  @Test
  void mlmodelKeepsMlflowLayoutWithSignatureAsJsonStrings() throws IOException {
    writeValidFolder();
    String yaml = Files.readString(dir.resolve("MLmodel"));

    assertThat(yaml).doesNotStartWith("---")
        .contains("artifact_path: \"model\"", "flavors:", "  mloop_tribuo:",
            "run_id: \"0123456789abcdef0123456789abcdef\"", "saved_input_example_info:", "  pandas_orient: \"split\"",
            "signature:", "  inputs: \"[{\\\"type\\\":\\\"long\\\",\\\"name\\\":\\\"Pregnancies\\\"",
            "utc_time_created: \"", "checksums:", "  model.tribuo: \"");
  }

  @Test
  void readsAnMlmodelWrittenByMlflow() {
    String yaml = """
        artifact_path: model
        flavors:
          python_function:
            loader_module: mlflow.sklearn
            model_path: model.pkl
        mlflow_version: 2.17.2
        model_uuid: 5b2e1e0d0b7c4e7f9d5c1a2b3c4d5e6f
        signature:
          inputs: '[{"type": "long", "name": "Age", "required": true}, {"type": "double", "name": "BMI", "required": false}]'
          outputs: '[{"type": "long", "required": true}]'
          params: null
        utc_time_created: '2024-10-01 12:00:00.000000'
        """;

    MlModel model = MlModelFiles.parse(yaml, "MLmodel");

    assertThat(model.signature().inputs())
        .containsExactly(ColumnSpec.of("Age", ColumnType.LONG), new ColumnSpec("BMI", ColumnType.DOUBLE, false));
    assertThat(model.signature().outputs()).containsExactly(new ColumnSpec(null, ColumnType.LONG, true));
    assertThat(model.checksums()).isEmpty();
  }

  static final String MLFLOW_PYFUNC = """
      artifact_path: model
      flavors:
        python_function:
          env:
            conda: conda.yaml
          loader_module: mlflow.sklearn
          model_path: model.pkl
          python_version: 3.11.2
      metadata:
        label: Diabetic
        positive_class: '1'
      mlflow_version: 2.17.2
      model_size_bytes: 1234
      model_uuid: 5b2e1e0d0b7c4e7f9d5c1a2b3c4d5e6f
      signature:
        inputs: '[{"type": "long", "name": "Age", "required": true}]'
        outputs: '[{"type": "long", "required": true}]'
        params: null
      utc_time_created: '2024-10-01 12:00:00.000000'
      """;

  @Test
  void anMlflowFolderWithoutChecksumsIsSealedForRegistrationKeepingEveryKeyMlflowWrote() throws IOException {
    Files.writeString(dir.resolve("model.pkl"), "pickle bytes");
    Files.writeString(dir.resolve("conda.yaml"), "name: env\n");
    Files.writeString(dir.resolve("MLmodel"), MLFLOW_PYFUNC);
    assertThat(MlModelFiles.listsChecksums(dir)).isFalse();
    assertInvalid(() -> MlModelFiles.read(dir), "has no checksums");

    MlModel sealed = MlModelFiles.seal(dir);

    assertThat(MlModelFiles.listsChecksums(dir)).isTrue();
    assertThat(sealed.checksums()).containsOnlyKeys("model.pkl", "conda.yaml")
        .containsEntry("model.pkl", ContentHash.ofString("pickle bytes"));
    assertThat(MlModelFiles.read(dir)).isEqualTo(sealed);
    assertThat(sealed.metadata()).containsEntry("label", "Diabetic").containsEntry("positive_class", "1");
    assertThat(sealed.declared("positive_class")).contains("1");
    assertThat(sealed.declared("loader_module")).as("then the flavors' settings").contains("mlflow.sklearn");
    assertThat(sealed.declared("classes")).isEmpty();
    String yaml = Files.readString(dir.resolve("MLmodel"));
    assertThat(yaml).contains("mlflow_version: \"2.17.2\"", "model_size_bytes: 1234", "python_version: \"3.11.2\"",
        "utc_time_created: \"2024-10-01 12:00:00.000000\"", "  model.pkl: \"" + ContentHash.ofString("pickle bytes"));

    Files.writeString(dir.resolve("model.pkl"), "other bytes");
    assertInvalid(() -> MlModelFiles.seal(dir), "checksum mismatch for model.pkl");
  }

  @Test
  void metadataRoundTripsThroughTheMlmodelFile() throws IOException {
    Files.writeString(dir.resolve("model.onnx"), "onnx bytes");
    MlModel model = new MlModel(null, Map.of("onnx", Map.of("data", "model.onnx")), "0123", "2024-10-01 12:00:00.000000",
        null, SIGNATURE, null, Map.of(), Map.of("classes", List.of("0", "1")));
    MlModel written = MlModelFiles.write(dir, model);

    assertThat(MlModelFiles.read(dir)).isEqualTo(written);
    assertThat(written.declared("classes")).contains(List.of("0", "1"));
    assertInvalid(() -> MlModelFiles.parse(MLFLOW_PYFUNC.replace("  label: Diabetic\n  positive_class: '1'\n", "")
        .replace("metadata:", "metadata: [1]"), "MLmodel"), "MLmodel: metadata must be a mapping");
  }

  @Test
  void refusesAnMlmodelOverTheYamlBoundsNamingItAndTheLimit() throws IOException {
    Files.writeString(dir.resolve("MLmodel"), "flavors: {}\nx: " + "y".repeat(2 * 1024 * 1024) + "\n");
    assertInvalid(() -> MlModelFiles.read(dir), dir.resolve("MLmodel") + ": is 2097168 bytes, over the limit of 1048576"
        + " bytes for a YAML file");
    assertInvalid(() -> MlModelFiles.parse("flavors: " + "[".repeat(150) + "]".repeat(150) + "\n", "MLmodel"),
        "MLmodel is refused: it nests objects and lists more than 100 levels deep (the limit)");
  }

  @Test
  void refusesFolderWithoutMlmodel() throws IOException {
    Files.writeString(dir.resolve("model.tribuo"), "x");
    assertInvalid(() -> MlModelFiles.read(dir), "model folder " + dir + " has no MLmodel file");
  }

  @Test
  void refusesChangedFile() throws IOException {
    MlModel written = writeValidFolder();
    Files.writeString(dir.resolve("model.tribuo"), "tampered");

    assertInvalid(() -> MlModelFiles.read(dir), "checksum mismatch for model.tribuo: expected "
        + written.checksums().get("model.tribuo") + ", found " + ContentHash.ofString("tampered"));
  }

  @Test
  void refusesUnlistedAndMissingFiles() throws IOException {
    writeValidFolder();
    Files.writeString(dir.resolve("notes.txt"), "x");
    assertInvalid(() -> MlModelFiles.read(dir), "has file 'notes.txt' that the MLmodel checksums do not list");

    Files.delete(dir.resolve("notes.txt"));
    Files.delete(dir.resolve("extra/model.json"));
    assertInvalid(() -> MlModelFiles.read(dir), "has no file 'extra/model.json', which the MLmodel checksums list");
  }

  @Test
  void refusesMlmodelWithoutChecksums() throws IOException {
    writeValidFolder();
    String yaml = Files.readString(dir.resolve("MLmodel"));
    Files.writeString(dir.resolve("MLmodel"), yaml.substring(0, yaml.indexOf("checksums:")));
    assertInvalid(() -> MlModelFiles.read(dir), "has no checksums");
  }

  @Test
  void refusesChecksumPathsOutsideTheFolder() throws IOException {
    writeValidFolder();
    String yaml = Files.readString(dir.resolve("MLmodel"))
        .replace("  model.tribuo:", "  ../model.tribuo:");
    Files.writeString(dir.resolve("MLmodel"), yaml);
    assertInvalid(() -> MlModelFiles.read(dir), "checksum path '../model.tribuo' is not allowed: it has a '..' segment");
  }

  @Test
  void refusesUnknownColumnType() {
    String yaml = """
        flavors: {mloop_tribuo: {model_file: model.tribuo}}
        signature:
          inputs: '[{"type": "int64", "name": "Age"}]'
          outputs: '[{"type": "long"}]'
        """;
    assertInvalid(() -> MlModelFiles.parse(yaml, "MLmodel"), "signature input 'Age' has unknown type 'int64'");
  }

  @Test
  void refusesMalformedSignatures() {
    assertInvalid(() -> ModelSignature.parse("[{\"type\": \"long\"}]", "[{\"type\": \"long\"}]"),
        "signature input #1 has no name");
    assertInvalid(() -> ModelSignature.parse("not json", "[]"), "signature inputs are not valid JSON");
    assertInvalid(() -> ModelSignature.parse("[]", "[{\"type\": \"long\"}]"), "must be a non-empty JSON list");
    assertInvalid(() -> ModelSignature.parse("[{\"name\": \"Age\"}]", "[{\"type\": \"long\"}]"),
        "signature input 'Age' has no type");
    assertInvalid(() -> ModelSignature.parse(
            "[{\"type\": \"long\", \"name\": \"Age\"}, {\"type\": \"double\", \"name\": \"Age\"}]", "[{\"type\": \"long\"}]"),
        "signature input 'Age' is listed twice");
    assertInvalid(() -> ModelSignature.parse(
            "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float64\", \"shape\": [-1, 8]}}]", "[{\"type\": \"long\"}]"),
        "tensor spec");
  }

  @Test
  void refusesMlmodelWithoutSignatureOrFlavors() {
    assertInvalid(() -> MlModelFiles.parse("flavors: {mloop_tribuo: {}}\n", "X/MLmodel"), "X/MLmodel has no signature");
    assertInvalid(() -> MlModelFiles.parse("signature: {inputs: '[]'}\n", "X/MLmodel"), "X/MLmodel has no flavors");
    assertInvalid(() -> MlModelFiles.parse("flavors: [\n", "X/MLmodel"), "X/MLmodel is not valid YAML");
  }

  @Test
  void signatureJsonRoundTrips() {
    ModelSignature back = ModelSignature.parse(SIGNATURE.inputsJson(), SIGNATURE.outputsJson());
    assertThat(back).isEqualTo(SIGNATURE);
  }

  private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(MloopException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER_VALUE));
  }
}
