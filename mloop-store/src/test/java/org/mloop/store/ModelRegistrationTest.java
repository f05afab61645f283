package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ArtifactStore;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ModelSignature;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;

/** Registration on a real SQLite store and file artifact store, including a failure half way through the copy. */
class ModelRegistrationTest {
  @TempDir Path temp;
  MetadataStore metadata;
  FileArtifactStore files;
  Path model;

  @BeforeEach
  void setUp() throws IOException {
    metadata = MetadataStores.openSqlite(temp.resolve("mloop.db"));
    files = new FileArtifactStore(temp.resolve("artifacts"));
    model = temp.resolve("model");
    Files.createDirectories(model.resolve("data"));
    Files.writeString(model.resolve("model.bin"), "weights");
    Files.writeString(model.resolve("data/vocab.txt"), "a\nb\n");
    MlModelFiles.write(model, MlModel.create("model", Map.of("mloop_test", Map.of("model_file", "model.bin")), null,
        new ModelSignature(List.of(ColumnSpec.of("BMI", ColumnType.DOUBLE)), List.of(ColumnSpec.of("Diabetic",
            ColumnType.LONG))), null));
  }

  @AfterEach
  void close() {
    metadata.close();
  }

  private LocalWorkspace workspace(ArtifactStore store) {
    return new LocalWorkspace(temp.toString(), metadata, store, null, null);
  }

  @Test
  void aRegistrationThatFailsWhileCopyingLeavesNoVersionAndARetryReusesTheNumber() {
    AtomicInteger writes = new AtomicInteger();
    ArtifactStore crashing = new CrashingStore(files, () -> writes.incrementAndGet() == 2);
    assertThatThrownBy(() -> workspace(crashing).registry().register(
        ModelRegistration.fromFolder("diabetes", model, null, Map.of())))
        .hasMessageContaining("disk vanished");
    assertThat(files.listRecursive("models")).as("the copy stopped half way").isNotEmpty();
    assertThat(metadata.registry().getRegisteredModel("diabetes")).as("no version is visible").isEmpty();

    ModelVersion v = workspace(files).registry().register(ModelRegistration.fromFolder("diabetes", model, "retry", Map.of()));
    assertThat(v.version()).isEqualTo(1);
    LocalWorkspace ws = workspace(files);
    assertThat(ws.registry().listFiles(v)).extracting(ArtifactFile::path)
        .containsExactlyInAnyOrder("MLmodel", "model.bin", "data/vocab.txt");
    assertThat(MlModelFiles.read(files.materialize(v.source(), temp)).checksums()).hasSize(2);
    assertThat(ws.registry().getVersion(ModelRef.parse("diabetes")).sha256()).isEqualTo(v.sha256());
  }

  @Test
  void aBadModelNameIsRefusedBeforeAnythingIsCopied() {
    assertThatThrownBy(() -> workspace(files).registry().register(ModelRegistration.fromFolder("bad name", model,
        null, null))).isInstanceOf(MloopException.class).hasMessageContaining("bad model name");
    assertThatThrownBy(() -> workspace(files).registry().register(ModelRegistration.fromFolder("d".repeat(10_000),
        model, null, null))).isInstanceOf(MloopException.class).hasMessageContaining("is too long (max 255 characters)");
    assertThat(files.exists("models")).isFalse();
  }

  @Test
  void aFolderThatChangedSinceItsMlmodelWasWrittenIsRefusedBeforeAnythingIsCopied() throws IOException {
    Files.writeString(model.resolve("model.bin"), "other weights");
    assertThatThrownBy(() -> workspace(files).registry().register(ModelRegistration.fromFolder("diabetes", model, null, null)))
        .isInstanceOf(MloopException.class).hasMessageContaining("checksum mismatch for model.bin");
    assertThat(files.exists("models")).isFalse();
  }

  @Test
  void aFolderWhoseMlmodelNamesARunOfTheWorkspaceTakesThatRunsParamsAndMetrics() throws IOException {
    String experiment = metadata.tracking().createExperiment("diabetes-training", null, Map.of());
    String runId = metadata.tracking().createRun(experiment, "alice", 1, "laptop", List.of()).info().runId();
    metadata.tracking().logBatch(runId, List.of(new org.mloop.core.tracking.Metric("AUC", 0.85, 2, 0)),
        List.of(new org.mloop.core.tracking.Param("reg_rate", "0.01")), List.of());
    MlModel withRun = MlModelFiles.read(model);
    MlModelFiles.write(model, new MlModel(withRun.artifactPath(), withRun.flavors(), withRun.modelUuid(),
        withRun.utcTimeCreated(), runId, withRun.signature(), null, Map.of()));

    ModelVersion v = workspace(files).registry().register(ModelRegistration.fromFolder("diabetes", model, null, null));
    assertThat(v.runId()).isEqualTo(runId);
    assertThat(v.jobName()).isNull();
    assertThat(v.lineage().experimentName()).isEqualTo("diabetes-training");
    assertThat(v.lineage().params()).containsEntry("reg_rate", "0.01");
    assertThat(v.lineage().metrics()).containsEntry("AUC", 0.85);
  }

  @Test
  void aFolderSavedByMlflowWithoutChecksumsIsStoredWithThemAndTheFolderIsLeftAsItWas() throws IOException {
    String yaml = Files.readString(model.resolve("MLmodel"));
    String mlflow = yaml.substring(0, yaml.indexOf("checksums:"));
    Files.writeString(model.resolve("MLmodel"), mlflow);

    ModelVersion v = workspace(files).registry().register(ModelRegistration.fromFolder("diabetes", model, null, null));

    assertThat(Files.readString(model.resolve("MLmodel"))).isEqualTo(mlflow);
    MlModel stored = MlModelFiles.read(files.materialize(v.source(), temp));
    assertThat(stored.checksums()).containsOnlyKeys("model.bin", "data/vocab.txt");
    assertThat(stored.flavors()).containsOnlyKeys("mloop_test");
  }

  /** A file artifact store whose writes fail when {@code crashNow} says so, like a process dying mid-copy. */
  private record CrashingStore(ArtifactStore inner, java.util.function.BooleanSupplier crashNow)
      implements ArtifactStore {
    @Override
    public ArtifactFile write(String path, InputStream content) {
      if (crashNow.getAsBoolean()) {
        throw new IllegalStateException("disk vanished while writing " + path);
      }
      return inner.write(path, content);
    }

    @Override
    public InputStream read(String path) {
      return inner.read(path);
    }

    @Override
    public Optional<ArtifactFile> stat(String path) {
      return inner.stat(path);
    }

    @Override
    public List<ArtifactFile> list(String directory) {
      return inner.list(directory);
    }

    @Override
    public List<ArtifactFile> listRecursive(String directory) {
      return inner.listRecursive(directory);
    }

    @Override
    public boolean exists(String path) {
      return inner.exists(path);
    }

    @Override
    public void delete(String path) {
      inner.delete(path);
    }

    @Override
    public Path materialize(String directory, Path cache) {
      return inner.materialize(directory, cache);
    }

    @Override
    public String uri(String path) {
      return inner.uri(path);
    }
  }
}
