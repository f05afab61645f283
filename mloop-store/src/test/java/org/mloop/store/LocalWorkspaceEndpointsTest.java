package org.mloop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mloop.store.MetadataStoreContract.fails;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.ErrorCode;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.endpoints.AuthMode;
import org.mloop.core.endpoints.DataCollection;
import org.mloop.core.endpoints.Deployment;
import org.mloop.core.endpoints.DeploymentSpec;
import org.mloop.core.endpoints.Endpoint;
import org.mloop.core.endpoints.EndpointRules;
import org.mloop.core.endpoints.KeyType;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ModelSignature;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;
import org.mloop.core.store.MetadataStore;
import org.mloop.core.workspace.LocalWorkspace;

/** LocalWorkspace's endpoint commands on a real SQLite store and file artifact store. */
class LocalWorkspaceEndpointsTest {
  @TempDir Path temp;
  MetadataStore metadata;
  LocalWorkspace workspace;
  ModelVersion v1;
  ModelVersion v2;

  @BeforeEach
  void setUp() throws IOException {
    metadata = MetadataStores.openSqlite(temp.resolve("mloop.db"));
    workspace = new LocalWorkspace(temp.toString(), metadata, new FileArtifactStore(temp.resolve("artifacts")),
        null, null);
    Path model = temp.resolve("model");
    Files.createDirectories(model);
    Files.writeString(model.resolve("model.bin"), "weights");
    MlModelFiles.write(model, MlModel.create("model", Map.of("mloop_test", Map.of("model_file", "model.bin")), null,
        new ModelSignature(List.of(ColumnSpec.of("BMI", ColumnType.DOUBLE)),
            List.of(ColumnSpec.of("Diabetic", ColumnType.LONG))), null));
    v1 = workspace.registry().register(ModelRegistration.fromFolder("diabetes", model, "first", Map.of()));
    v2 = workspace.registry().register(ModelRegistration.fromFolder("diabetes", model, "second", Map.of()));
    workspace.registry().setAlias("diabetes", "staging", v1.version(), "alice", "first release");
  }

  @AfterEach
  void close() {
    metadata.close();
  }

  private static DeploymentSpec spec(String name, String model, Integer traffic) {
    return new DeploymentSpec("diabetes-prod", name, model, 1, DataCollection.OFF, traffic);
  }

  @Test
  void aDeploymentServesTheVersionItsReferenceResolvedToWhenCreated() {
    Endpoint endpoint = workspace.endpoints().create("diabetes-prod", "patients", null);
    assertThat(endpoint.authMode()).isEqualTo(AuthMode.KEY);
    assertThat(endpoint.keys().primary()).hasSize(43).isNotEqualTo(endpoint.keys().secondary());

    Deployment blue = workspace.endpoints().createDeployment(spec("blue", "diabetes@staging", null));
    assertThat(blue.modelVersion()).isEqualTo(v1.version());
    assertThat(blue.requestedModel()).isEqualTo("diabetes@staging");

    workspace.registry().setAlias("diabetes", "staging", v2.version(), "alice", "second release");
    assertThat(workspace.endpoints().getDeployment("diabetes-prod", "blue").modelVersion())
        .as("moving the alias later does not change what blue serves").isEqualTo(v1.version());
    fails(ErrorCode.INVALID_STATE, () -> workspace.registry().deleteVersion("diabetes", v1.version()),
        "endpoint:diabetes-prod/deployment:blue");
  }

  @Test
  void theFirstDeploymentTakesAllTrafficTheNextStartAtZeroUntilMovedWithTraffic100() {
    workspace.endpoints().create("diabetes-prod", null, AuthMode.KEY);
    workspace.endpoints().createDeployment(spec("blue", "diabetes:1", null));
    assertThat(workspace.endpoints().get("diabetes-prod").traffic()).containsExactlyEntriesOf(Map.of("blue", 100));

    workspace.endpoints().createDeployment(spec("green", "diabetes@staging", null));
    Endpoint two = workspace.endpoints().get("diabetes-prod");
    assertThat(two.trafficOf("blue")).isEqualTo(100);
    assertThat(two.trafficOf("green")).isZero();

    workspace.endpoints().updateTraffic("diabetes-prod", EndpointRules.parseSplit("blue=100,green=0", "--traffic"),
        EndpointRules.parseSplit("green=20", "--mirror"));
    workspace.endpoints().createDeployment(spec("red", "diabetes:2", 100));
    Endpoint moved = workspace.endpoints().get("diabetes-prod");
    assertThat(moved.traffic()).containsExactlyInAnyOrderEntriesOf(Map.of("blue", 0, "green", 0, "red", 100));
    assertThat(moved.mirrorTraffic()).as("the mirror to green is kept").containsExactlyEntriesOf(Map.of("green", 20));

    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.endpoints().createDeployment(spec("cyan", "diabetes:2", 50)),
        "use 0 or 100");
    fails(ErrorCode.INVALID_STATE, () -> workspace.endpoints().deleteDeployment("diabetes-prod", "red"), "move its traffic");
    workspace.endpoints().updateTraffic("diabetes-prod", EndpointRules.parseSplit("blue=90,red=10", "--traffic"), Map.of());
    workspace.endpoints().deleteDeployment("diabetes-prod", "green");
    assertThat(workspace.endpoints().listDeployments("diabetes-prod")).extracting(Deployment::name).containsExactly("blue", "red");
  }

  @Test
  void badNamesAndInstanceCountsAreRefusedBeforeAnythingIsStored() {
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.endpoints().create("x", null, null), "bad endpoint name 'x'");
    assertThat(workspace.endpoints().list()).isEmpty();
    workspace.endpoints().create("diabetes-prod", null, null);
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.endpoints().createDeployment(spec("b", "diabetes:1", null)),
        "bad deployment name 'b'");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.endpoints().createDeployment(
        new DeploymentSpec("diabetes-prod", "blue", "diabetes:1", 0, DataCollection.OFF, null)), "use 1 to 64");
    assertThat(workspace.endpoints().listDeployments("diabetes-prod")).isEmpty();
  }

  @Test
  void regeneratingOneKeyKeepsTheOther() {
    Endpoint before = workspace.endpoints().create("diabetes-prod", null, null);
    Endpoint after = workspace.endpoints().regenerateKey("diabetes-prod", KeyType.PRIMARY);
    assertThat(after.keys().primary()).isNotEqualTo(before.keys().primary());
    assertThat(after.keys().secondary()).isEqualTo(before.keys().secondary());
    assertThat(after.generation()).isEqualTo(before.generation() + 1);
  }

  @Test
  void collectedDataFilesAreNeverOverwritten() throws IOException {
    workspace.endpoints().create("diabetes-prod", null, null);
    workspace.endpoints().createDeployment(spec("blue", "diabetes:1", null));
    byte[] batch = "{\"correlation_id\":\"a\"}\n".getBytes(StandardCharsets.UTF_8);
    workspace.endpoints().writeCollectedData("diabetes-prod", "blue", "2026/11/26/15/host-1-0001.jsonl", batch);

    fails(ErrorCode.RESOURCE_ALREADY_EXISTS, () -> workspace.endpoints().writeCollectedData("diabetes-prod", "blue",
        "2026/11/26/15/host-1-0001.jsonl", new byte[] {1}), "never overwritten");
    fails(ErrorCode.INVALID_PARAMETER_VALUE, () -> workspace.endpoints().writeCollectedData("diabetes-prod", "blue",
        "../escape.jsonl", batch), "'..'");
    assertThat(workspace.endpoints().listCollectedData("diabetes-prod", "blue")).extracting(ArtifactFile::path)
        .containsExactly("2026/11/26/15/host-1-0001.jsonl");
    try (InputStream in = workspace.endpoints().openCollectedData("diabetes-prod", "blue", "2026/11/26/15/host-1-0001.jsonl")) {
      assertThat(in.readAllBytes()).isEqualTo(batch);
    }
  }
}
