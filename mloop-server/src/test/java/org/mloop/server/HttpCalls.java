package org.mloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.mloop.core.json.Json;

/** Plain HTTP calls for wire-format tests: what any MLflow client would send, nothing mloop-specific. */
final class HttpCalls {
  private final String baseUrl;
  private final String authorization;
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  HttpCalls(String baseUrl, String token) {
    this(baseUrl, token, token == null ? null : "Bearer " + token);
  }

  private HttpCalls(String baseUrl, String token, String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  /** Calls sending this exact Authorization header. */
  static HttpCalls withAuthorization(String baseUrl, String header) {
    return new HttpCalls(baseUrl, null, header);
  }

  record Reply(int status, byte[] bytes, java.net.http.HttpHeaders headers) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return Json.mapper().readTree(bytes);
      } catch (IOException e) {
        throw new AssertionError("not JSON (HTTP " + status + "): " + body(), e);
      }
    }

    String errorCode() {
      return json().path("error_code").asText();
    }

    String message() {
      return json().path("message").asText();
    }
  }

  Reply get(String pathAndQuery) {
    return send(request(pathAndQuery).GET());
  }

  Reply post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** A JSON POST with extra headers, e.g. the Origin a browser adds. */
  Reply post(String path, String json, java.util.Map<String, String> headers) {
    HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
    headers.forEach(builder::header);
    return send(builder.POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Reply post(String path, Object body) {
    return post(path, Json.write(body));
  }

  Reply put(String path, HttpRequest.BodyPublisher body) {
    return send(request(path).PUT(body));
  }

  Reply method(String method, String path, String body) {
    return send(request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private Reply send(HttpRequest.Builder builder) {
    try {
      HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.body(), response.headers());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
