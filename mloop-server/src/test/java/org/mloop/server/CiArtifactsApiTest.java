package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactFile;
import org.mloop.core.artifacts.ContentHash;

/**
 * The artifacts of `mloop ci run` runs through a real server: what a job uploads with the remote
 * workspace is in the served workspace's artifact store, with its sha256, and comes back whole.
 */
class CiArtifactsApiTest {
  static final String KEY = "project-3f2a9c1d";

  @TempDir Path dir;

  private static InputStream text(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void anArtifactUploadedThroughTheServerIsInTheWorkspaceAndDownloadsWhole() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      RemoteWorkspace remote = new RemoteWorkspace(ws.url(), null);

      ArtifactFile report = remote.ciArtifacts().write(KEY, 12, "champion-gate", "gate-report.json",
          text("{\"candidate\": 0.84, \"champion\": 0.81}"));
      remote.ciArtifacts().write(KEY, 12, "champion-gate", "plots/roc curve.txt", text("roc"));
      remote.ciArtifacts().write(KEY, 12, "model", "w.bin", text("weights"));

      assertThat(report.path()).isEqualTo("gate-report.json");
      assertThat(report.sha256()).isEqualTo(ContentHash.ofString("{\"candidate\": 0.84, \"champion\": 0.81}"));
      assertThat(ws.artifacts.exists("ci/" + KEY + "/12/champion-gate/plots/roc curve.txt")).isTrue();
      assertThat(remote.ciArtifacts().list(KEY, 12)).containsExactly("champion-gate", "model");
      assertThat(remote.ciArtifacts().list(KEY, 13)).isEmpty();
      List<ArtifactFile> files = remote.ciArtifacts().listFiles(KEY, 12, "champion-gate");
      assertThat(files).isEqualTo(ws.workspace.ciArtifacts().listFiles(KEY, 12, "champion-gate"));
      assertThat(files).extracting(ArtifactFile::path).containsExactly("gate-report.json", "plots/roc curve.txt");
      try (InputStream in = remote.ciArtifacts().open(KEY, 12, "champion-gate", "plots/roc curve.txt")) {
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("roc");
      }

      remote.ciArtifacts().delete(KEY, 12, "model");
      assertThat(remote.ciArtifacts().list(KEY, 12)).containsExactly("champion-gate");
    }
  }

  @Test
  void aMissingArtifactIsNotFoundNamingWhatTheRunHas() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      RemoteWorkspace remote = new RemoteWorkspace(ws.url(), null);
      remote.ciArtifacts().write(KEY, 3, "logs", "x.txt", text("x"));

      assertThatThrownBy(() -> remote.ciArtifacts().listFiles(KEY, 3, "model"))
          .hasMessageContaining("CI run 3 of " + KEY + " has no artifact 'model' (it has: logs)")
          .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
      assertThatThrownBy(() -> remote.ciArtifacts().open(KEY, 3, "logs", "y.txt"))
          .satisfies(e -> assertThat(((MloopException) e).code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST));
    }
  }

  @Test
  void pathsThatLeaveTheArtifactAndBadNamesAreRefused() throws IOException {
    try (TestWorkspace ws = TestWorkspace.served(dir)) {
      HttpCalls.Reply escape = ws.http().put("/api/v1/ci/" + KEY + "/runs/1/artifacts/logs/files/a/%2E%2E/%2E%2E/x",
          HttpRequest.BodyPublishers.ofString("x"));
      HttpCalls.Reply badName = ws.http().put("/api/v1/ci/" + KEY + "/runs/1/artifacts/.hidden/files/x",
          HttpRequest.BodyPublishers.ofString("x"));
      HttpCalls.Reply badRun = ws.http().put("/api/v1/ci/" + KEY + "/runs/first/artifacts/logs/files/x",
          HttpRequest.BodyPublishers.ofString("x"));

      assertThat(escape.status()).isEqualTo(400);
      assertThat(escape.message()).contains("..");
      assertThat(badName.status()).isEqualTo(400);
      assertThat(badName.message()).contains("artifact name '.hidden'");
      assertThat(badRun.status()).isEqualTo(400);
      assertThat(badRun.message()).contains("'first' is not a run number");
      assertThat(ws.artifacts.exists("ci")).isFalse();
    }
  }
}
