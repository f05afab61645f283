package org.mloop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.MloopException;
import org.mloop.core.workspace.LocalWorkspace;
import org.mloop.store.FileArtifactStore;

/** workspace.yaml names the workspace's two stores by URL; the defaults are a SQLite file and a folder inside it. */
class WorkspaceConfigTest {
  @TempDir
  Path dir;

  @Test
  void aNewWorkspaceGetsTheEmbeddedDefaults() throws IOException {
    WorkspaceConfig config = WorkspaceConfig.loadOrCreate(dir);

    assertThat(config.jdbcUrl(dir)).isEqualTo("jdbc:sqlite:" + dir.toAbsolutePath().resolve("mloop.db"));
    assertThat(config.artifactStoreUri()).isEqualTo("artifacts");
    assertThat(Files.readString(dir.resolve(WorkspaceConfig.FILE)))
        .contains("metadata_url: jdbc:sqlite:mloop.db\n", "artifact_uri: artifacts\n");
    try (LocalWorkspace workspace = LocalWorkspaces.open(dir, null)) {
      assertThat(((FileArtifactStore) workspace.artifacts()).root()).isEqualTo(dir.toAbsolutePath().resolve("artifacts"));
    }
  }

  @Test
  void artifactUriMayBeAFileUriOutsideTheWorkspace() throws IOException {
    Path elsewhere = dir.resolve("shared artifacts").toAbsolutePath();
    Files.writeString(dir.resolve(WorkspaceConfig.FILE),
        "metadata_url: jdbc:sqlite:mloop.db\nartifact_uri: " + elsewhere.toUri() + "\n");

    try (LocalWorkspace workspace = LocalWorkspaces.open(dir, null)) {
      assertThat(((FileArtifactStore) workspace.artifacts()).root()).isEqualTo(elsewhere);
    }
  }

  @Test
  void aWorkspaceWrittenWithArtifactRootKeepsItsFolder() throws IOException {
    Files.writeString(dir.resolve(WorkspaceConfig.FILE), "metadata_url: jdbc:sqlite:mloop.db\nartifact_root: files\n");

    assertThat(WorkspaceConfig.loadOrCreate(dir).artifactStoreUri()).isEqualTo("files");
    try (LocalWorkspace workspace = LocalWorkspaces.open(dir, null)) {
      assertThat(((FileArtifactStore) workspace.artifacts()).root()).isEqualTo(dir.toAbsolutePath().resolve("files"));
    }
  }

  @Test
  void settingsThatNameNoArtifactStoreOrTwoAreRefused() throws IOException {
    Path file = dir.resolve(WorkspaceConfig.FILE);
    Files.writeString(file, "metadata_url: jdbc:sqlite:mloop.db\n");
    assertThatThrownBy(() -> WorkspaceConfig.loadOrCreate(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("workspace.yaml: needs both metadata_url and artifact_uri");

    Files.writeString(file, "metadata_url: jdbc:sqlite:mloop.db\nartifact_uri: a\nartifact_root: b\n");
    assertThatThrownBy(() -> WorkspaceConfig.loadOrCreate(dir)).isInstanceOf(MloopException.class)
        .hasMessageContaining("sets both artifact_uri and artifact_root");
  }

  @Test
  void anArtifactStoreOfAnUnknownSchemeIsRefusedNamingTheKnownOnes() throws IOException {
    Files.writeString(dir.resolve(WorkspaceConfig.FILE), "metadata_url: jdbc:sqlite:mloop.db\nartifact_uri: s3://bucket/x\n");

    assertThatThrownBy(() -> LocalWorkspaces.open(dir, null)).isInstanceOf(MloopException.class)
        .hasMessageContaining("unsupported artifact store URI 's3://bucket/x': use file:");
  }
}
