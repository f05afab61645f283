package org.mloop.serving.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.mloop.core.data.synth.PatientRow;
import org.mloop.runtime.testing.ModelFolders;

/** Two small trained model folders (different training data, so different answers), requests and an HTTP client. */
final class Fixtures {
  private static Path models;
  static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  private Fixtures() {}

  /** Registers diabetes:1 (blue's), diabetes:2 (green's) and diabetes:9, a folder that is not a model. */
  static synchronized void registerModels(MemoryCatalog catalog) {
    try {
      if (models == null) {
        models = Files.createTempDirectory("mloop-host-models-");
        ModelFolders.write(models.resolve("v1"), ModelFolders.logistic(ModelFolders.patients(1, 300)),
            ModelFolders.patients(3, 3));
        ModelFolders.write(models.resolve("v2"), ModelFolders.logistic(ModelFolders.patients(2, 40)),
            ModelFolders.patients(3, 3));
        Files.createDirectories(models.resolve("broken"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    catalog.model("diabetes", 1, models.resolve("v1"));
    catalog.model("diabetes", 2, models.resolve("v2"));
    catalog.model("diabetes", 9, models.resolve("broken"));
  }

  /** {"data": [[...], ...]} with {@code n} synthetic patients. */
  static String request(long seed, int n) {
    StringBuilder sb = new StringBuilder("{\"data\": [");
    List<PatientRow> rows = ModelFolders.patients(seed, n);
    for (int i = 0; i < rows.size(); i++) {
      sb.append(i == 0 ? "" : ",").append('[');
      double[] f = ModelFolders.features(rows.get(i));
      for (int k = 0; k < f.length; k++) {
        sb.append(k == 0 ? "" : ",").append(f[k]);
      }
      sb.append(']');
    }
    return sb.append("]}").toString();
  }

  static HttpResponse<String> post(String url, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  static HttpResponse<String> get(String url, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits (bounded) for a condition that a background thread makes true. */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
