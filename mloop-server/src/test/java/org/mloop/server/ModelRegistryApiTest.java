package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.models.ColumnSpec;
import org.mloop.core.models.ColumnType;
import org.mloop.core.models.MlModel;
import org.mloop.core.models.MlModelFiles;
import org.mloop.core.models.ModelSignature;
import org.mloop.core.registry.AliasMove;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.registry.ModelVersion;

/** The model registry under /api/v1/models, through the remote workspace and as raw HTTP. */
class ModelRegistryApiTest {
  @TempDir Path dir;

  private Path modelFolder(String weights) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("model-" + weights.hashCode()));
    Files.writeString(folder.resolve("model.bin"), weights);
    MlModelFiles.write(folder, MlModel.create("model", Map.of("mloop_test", Map.of("model_file", "model.bin")), null,
        new ModelSignature(List.of(ColumnSpec.of("BMI", ColumnType.DOUBLE)),
            List.of(ColumnSpec.of("Diabetic", ColumnType.LONG))), null));
    return folder;
  }

  @Test
  void aliasMovesThroughTheServerRecordTheTokenThatMadeThem() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir, ServerOptions.ephemeral().withRequireTokens(true)
        .withUploadDirectory(dir.resolve("uploads")))) {
      String token = "mloop_ci_secret";
      ws.metadata.tokens().createToken("ci", ContentHash.ofString(token));
      RemoteWorkspace remote = new RemoteWorkspace(ws.url(), token);

      ModelVersion v1 = remote.registry().register(ModelRegistration.fromFolder("diabetes", modelFolder("v1"), "first",
          Map.of("candidate", "yes")));
      assertThat(v1.version()).isEqualTo(1);
      assertThat(v1.tags()).containsEntry("candidate", "yes");
      assertThat(ws.artifacts.exists(v1.source() + "/MLmodel")).as("the upload became the version's files").isTrue();

      AliasMove move = remote.registry().setAlias("diabetes", "production", 1, "alice", "first release");
      assertThat(move.who()).isEqualTo("alice via token:ci");
      assertThat(ws.metadata.registry().getAliasHistory("diabetes", "production")).containsExactly(move);

      ModelVersion production = remote.registry().getVersion(ModelRef.parse("diabetes@production"));
      assertThat(production).isEqualTo(ws.workspace.registry().getVersion(ModelRef.parse("diabetes:1")));
      try (InputStream in = remote.registry().openFile(production, "model.bin")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("v1");
      }
      assertThat(remote.registry().updateVersion("diabetes", 1, "reviewed", Map.of(), List.of("candidate")).tags()).isEmpty();

      assertThatThrownBy(() -> remote.registry().archiveVersion("diabetes", 1))
          .isInstanceOf(MloopException.class).hasMessageContaining("production")
          .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.INVALID_STATE));
      assertThatThrownBy(() -> remote.registry().getVersion(ModelRef.parse("diabetes@staging")))
          .hasMessageContaining("no alias 'staging'")
          .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));

      HttpCalls.Reply unknown = ws.http(token).get("/api/v1/models/ghost");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
      assertThat(ws.http().get("/api/v1/models").status()).as("behind the token like the rest").isEqualTo(401);
    }
  }

  @Test
  void anUploadThatIsNotAModelIsRefusedAndLeavesNoVersion() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      Path folder = modelFolder("v1");
      Files.writeString(folder.resolve("model.bin"), "tampered");
      RemoteWorkspace remote = new RemoteWorkspace(ws.url(), null);
      assertThatThrownBy(() -> remote.registry().register(ModelRegistration.fromFolder("diabetes", folder, null, null)))
          .hasMessageContaining("checksum mismatch for model.bin");
      assertThat(remote.registry().listModels()).isEmpty();
    }
  }
}
