package org.mloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mloop.core.artifacts.ContentHash;

/** The mlflow-artifacts proxy and MLflow's artifacts/list, with real files in the file artifact store. */
class ArtifactsProxyTest {
  private static final String PROXY = "/api/2.0/mlflow-artifacts/artifacts";

  @TempDir Path dir;
  TestWorkspace ws;
  HttpCalls http;
  String runId;
  String runRoot;

  @BeforeEach
  void start() {
    ws = TestWorkspace.served(dir);
    http = ws.http();
    JsonNode run = http.post("/api/2.0/mlflow/runs/create", Map.of("experiment_id", "0")).json().get("run");
    runId = run.at("/info/run_id").asText();
    runRoot = run.at("/info/artifact_uri").asText().substring("mlflow-artifacts:/".length());
  }

  @AfterEach
  void stop() {
    ws.close();
  }

  private Path randomFile(String name, int bytes) throws IOException {
    Path file = dir.resolve(name);
    Random random = new Random(42);
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < bytes; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk, 0, Math.min(chunk.length, bytes - written));
      }
    }
    return file;
  }

  @Test
  void multiMegabyteFileRoundTripsThroughPutAndGet() throws IOException {
    Path big = randomFile("big.bin", 24 * 1024 * 1024 + 123);
    String path = runRoot + "/model/big.bin";

    HttpCalls.Reply put = http.put(PROXY + "/" + path, HttpRequest.BodyPublishers.ofFile(big));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.body()).isEqualTo("{}");
    assertThat(ws.artifacts.exists("mlartifacts/" + path)).as("stored under mlartifacts/").isTrue();

    HttpCalls.Reply get = http.get(PROXY + "/" + path);
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.headers().firstValueAsLong("content-length").orElse(-1)).isEqualTo(Files.size(big));
    assertThat(get.bytes().length).isEqualTo(Files.size(big));
    assertThat(ContentHash.hex(ContentHash.newDigest().digest(get.bytes()))).isEqualTo(ContentHash.ofFile(big));
  }

  @Test
  void listingsNameDirectChildrenAsMlflowDoes() {
    http.put(PROXY + "/" + runRoot + "/model/weights.txt", HttpRequest.BodyPublishers.ofString("0.1 0.2"));
    http.put(PROXY + "/" + runRoot + "/roc.json", HttpRequest.BodyPublishers.ofString("{}"));

    HttpCalls.Reply proxyList = http.get(PROXY + "?path=" + runRoot);
    assertThat(proxyList.status()).isEqualTo(200);
    JsonNode files = proxyList.json().get("files");
    assertThat(files).anySatisfy(f -> {
      assertThat(f.get("path").asText()).isEqualTo("model");
      assertThat(f.get("is_dir").asBoolean()).isTrue();
      assertThat(f.has("file_size")).isFalse();
    });
    assertThat(files).anySatisfy(f -> {
      assertThat(f.get("path").asText()).isEqualTo("roc.json");
      assertThat(f.get("is_dir").asBoolean()).isFalse();
      assertThat(f.get("file_size").asLong()).isEqualTo(2);
    });

    HttpCalls.Reply runList = http.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=model");
    assertThat(runList.status()).as(runList.body()).isEqualTo(200);
    assertThat(runList.json().get("root_uri").asText()).isEqualTo("mlflow-artifacts:/" + runRoot);
    assertThat(runList.json().get("files")).singleElement().satisfies(f -> {
      assertThat(f.get("path").asText()).isEqualTo("model/weights.txt");
      assertThat(f.get("file_size").asLong()).isEqualTo(7);
    });

    assertThat(http.get(PROXY + "?path=" + runRoot + "/nothing-here").json().get("files")).isEmpty();
  }

  @Test
  void pathsThatLeaveTheStoreAreRefusedWith400() {
    for (String bad : new String[] {
        PROXY + "/0/../../secret.txt",
        PROXY + "/0/%2E%2E/%2e%2e/secret.txt",
        PROXY + "/0/a%5Cb.txt",
        PROXY + "//etc/passwd"}) {
      HttpCalls.Reply put = http.put(bad, HttpRequest.BodyPublishers.ofString("x"));
      assertThat(put.status()).as("PUT " + bad + " -> " + put.body()).isEqualTo(400);
      assertThat(put.errorCode()).isEqualTo("INVALID_PARAMETER_VALUE");
      HttpCalls.Reply get = http.get(bad);
      assertThat(get.status()).as("GET " + bad).isEqualTo(400);
    }
    HttpCalls.Reply list = http.get(PROXY + "?path=" + runRoot + "/..%2F..%2F..");
    assertThat(list.status()).isEqualTo(400);
    HttpCalls.Reply runList = http.get("/api/2.0/mlflow/artifacts/list?run_id=" + runId + "&path=../../x");
    assertThat(runList.status()).isEqualTo(400);
    assertThat(Files.exists(dir.resolve("secret.txt"))).isFalse();
  }

  @Test
  void missingArtifactIs404() {
    HttpCalls.Reply get = http.get(PROXY + "/" + runRoot + "/absent.txt");
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
    assertThat(get.message()).contains("absent.txt");
  }

  @Test
  void namesWithSpacesAndUnicodeSurviveTheUrl() {
    String encoded = runRoot + "/plots/r%C3%A9sultat%20final.txt";
    HttpCalls.Reply put = http.put(PROXY + "/" + encoded, HttpRequest.BodyPublishers.ofString("ok"));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(ws.artifacts.exists("mlartifacts/" + runRoot + "/plots/résultat final.txt")).isTrue();
    assertThat(new String(http.get(PROXY + "/" + encoded).bytes(), StandardCharsets.UTF_8)).isEqualTo("ok");
  }
}
