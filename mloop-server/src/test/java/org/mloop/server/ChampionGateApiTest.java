package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.client.RemoteWorkspace;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ContentHash;
import org.mloop.core.auth.Role;
import org.mloop.core.auth.Scope;
import org.mloop.core.data.AssetRef;
import org.mloop.core.data.synth.DiabetesSynthesizer;
import org.mloop.core.registry.GateReport;
import org.mloop.core.registry.GateRequest;
import org.mloop.core.registry.ModelRef;
import org.mloop.core.registry.ModelRegistration;
import org.mloop.core.store.TokenSpec;
import org.mloop.runtime.testing.ModelFolders;

/**
 * The champion gate as a registry operation: the workspace's registry scores a candidate and its
 * champion on a held-out data asset, and the server runs the same operation for a client
 * (POST /api/v1/models/NAME/versions/VERSION/gate, permission models.evaluate), with the same report.
 * Version 1 learnt from 40 patients, version 2 from 1,500.
 */
class ChampionGateApiTest {
  private static final String READER = "t-reader";
  private static final String CONTRIBUTOR = "t-contributor";
  private static final int ROWS = 600;
  private static final String GATE = "/api/v1/models/diabetes/versions/2/gate";

  @TempDir static Path dir;
  private static TestWorkspace ws;

  @BeforeAll
  static void start() throws IOException {
    ws = TestWorkspace.served(dir.resolve("ws"), ServerOptions.ephemeral().withRequireTokens(true)
        .withUploadDirectory(dir.resolve("up")));
    token(READER, Role.READER);
    token(CONTRIBUTOR, Role.CONTRIBUTOR);
    int[] trainedOn = {40, 1_500};
    for (int v = 1; v <= 2; v++) {
      Path folder = ModelFolders.write(dir.resolve("m" + v), ModelFolders.logistic(ModelFolders.patients(v,
          trainedOn[v - 1])), ModelFolders.patients(10 + v, 3));
      ws.workspace.registry().register(ModelRegistration.fromFolder("diabetes", folder, null, Map.of()));
    }
    Path plain = dir.resolve("holdout/diabetes.csv");
    new DiabetesSynthesizer(7).write(plain, ROWS);
    Path quoted = Files.createDirectories(dir.resolve("quoted")).resolve("diabetes.csv");
    Files.writeString(quoted, spreadsheet(Files.readAllLines(plain)), StandardCharsets.UTF_8);
    ws.workspace.data().create("holdout", plain.getParent(), null, Map.of());
    ws.workspace.data().create("quoted", quoted.getParent(), null, Map.of());
  }

  @AfterAll
  static void stop() {
    ws.close();
  }

  @Test
  void theServerJudgesACandidateAsTheLocalWorkspaceDoesWithBothFigures() {
    GateRequest twoOverOne = request(2).champion(ModelRef.ofVersion("diabetes", 1)).build();
    GateRequest oneOverTwo = request(1).champion(ModelRef.ofVersion("diabetes", 2)).build();

    GateReport better = ws.workspace.registry().gate(twoOverOne);
    GateReport worse = ws.workspace.registry().gate(oneOverTwo);

    assertThat(remote(CONTRIBUTOR).registry().gate(twoOverOne)).isEqualTo(better);
    assertThat(remote(CONTRIBUTOR).registry().gate(oneOverTwo)).isEqualTo(worse);
    assertThat(better.rows()).isEqualTo(ROWS);
    assertThat(better.data()).isEqualTo("mloop:holdout:1");
    assertThat(better.verdict().candidateScore()).as("the same figures, swapped")
        .isEqualTo(worse.verdict().championScore());
    assertThat(better.verdict().passed()).as("the model that learnt from more patients is the better one")
        .isTrue();
    assertThat(worse.verdict().passed()).isFalse();
    assertThat(worse.verdict().message()).startsWith("blocked").contains("diabetes:1").contains("diabetes:2");
  }

  @Test
  void withProductionUnsetTheCandidatePassesAsTheFirstVersionButAMisspeltChampionFailsClosed() {
    GateReport first = remote(CONTRIBUTOR).registry().gate(request(2).build());
    assertThat(first.passed()).isTrue();
    assertThat(first.verdict().champion()).isNull();
    assertThat(first.verdict().message()).contains("no champion yet");
    assertThat(first).isEqualTo(ws.workspace.registry().gate(request(2).build()));

    assertThatThrownBy(() -> remote(CONTRIBUTOR).registry().gate(request(2)
        .champion(ModelRef.parse("diabtes@production")).build()))
        .isInstanceOf(MloopException.class).hasMessageContaining("diabtes")
        .extracting(e -> ((MloopException) e).code()).isEqualTo(ErrorCode.RESOURCE_DOES_NOT_EXIST);
  }

  @Test
  void quotedDataGatesWithTheFiguresOfThePlainData() {
    GateRequest plain = request(2).champion(ModelRef.ofVersion("diabetes", 1)).build();
    GateRequest quoted = request(2).champion(ModelRef.ofVersion("diabetes", 1))
        .data(AssetRef.parse("mloop:quoted@latest")).build();

    GateReport fromQuoted = remote(CONTRIBUTOR).registry().gate(quoted);
    GateReport fromPlain = remote(CONTRIBUTOR).registry().gate(plain);

    assertThat(fromQuoted.rows()).isEqualTo(ROWS);
    assertThat(fromQuoted.verdict()).isEqualTo(fromPlain.verdict());
  }

  @Test
  void aReaderMayNotRunTheGate() {
    assertThatThrownBy(() -> remote(READER).registry().gate(request(2).build()))
        .isInstanceOf(MloopException.class)
        .extracting(e -> ((MloopException) e).code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    HttpCalls.Reply refused = ws.http(READER).post(GATE, Map.of("data", "mloop:holdout@latest"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.message()).contains("models.evaluate");
  }

  @Test
  void badRequestsAre4xxNamingTheFieldOrTheResource() {
    HttpCalls calls = ws.http(CONTRIBUTOR);
    HttpCalls.Reply noData = calls.post(GATE, "{}");
    assertThat(noData.status()).isEqualTo(400);
    assertThat(noData.message()).contains("data");

    HttpCalls.Reply negativeMargin = calls.post(GATE, Map.of("data", "mloop:holdout@latest", "min_delta", -0.5));
    assertThat(negativeMargin.status()).isEqualTo(400);
    assertThat(negativeMargin.message()).contains("min_delta");

    HttpCalls.Reply unknownMetric = calls.post(GATE, Map.of("data", "mloop:holdout@latest", "metric", "F7"));
    assertThat(unknownMetric.status()).isEqualTo(400);
    assertThat(unknownMetric.message()).contains("F7").contains("AUC");

    HttpCalls.Reply noSuchData = calls.post(GATE, Map.of("data", "mloop:nowhere@latest"));
    assertThat(noSuchData.status()).isEqualTo(404);
    assertThat(noSuchData.message()).contains("nowhere");

    HttpCalls.Reply noSuchVersion = calls.post("/api/v1/models/diabetes/versions/9/gate",
        Map.of("data", "mloop:holdout@latest"));
    assertThat(noSuchVersion.status()).isEqualTo(404);
    assertThat(noSuchVersion.message()).contains("diabetes:9");

    HttpCalls.Reply bareChampion = calls.post(GATE, Map.of("data", "mloop:holdout@latest", "champion", "diabetes"));
    assertThat(bareChampion.status()).isEqualTo(400);
    assertThat(bareChampion.message()).contains("champion");
  }

  private static GateRequest.Builder request(int candidate) {
    return GateRequest.builder(ModelRef.ofVersion("diabetes", candidate)).data(AssetRef.parse("mloop:holdout@latest"));
  }

  private static RemoteWorkspace remote(String token) {
    return new RemoteWorkspace(ws.url(), token);
  }

  private static void token(String secret, Role role) {
    ws.metadata.tokens().createToken(new TokenSpec(secret.substring(2), role, Scope.parse(""), null),
        ContentHash.ofString(secret));
  }

  /** As a spreadsheet saves it: a byte order mark, every value quoted, a free-text column, CRLF line ends. */
  private static String spreadsheet(List<String> lines) {
    List<String> quoted = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      List<String> cells = new ArrayList<>(List.of(lines.get(i).split(",", -1)));
      cells.add(1, i == 0 ? "Notes" : "seen by Dr. \"Smith\", ward " + (i % 7));
      quoted.add(String.join(",", cells.stream().map(c -> '"' + c.replace("\"", "\"\"") + '"').toList()));
    }
    return "\uFEFF" + String.join("\r\n", quoted) + "\r\n";
  }
}
