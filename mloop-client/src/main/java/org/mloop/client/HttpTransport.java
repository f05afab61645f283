package org.mloop.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.mloop.core.ErrorCode;
import org.mloop.core.MloopException;
import org.mloop.core.artifacts.ArtifactPath;
import org.mloop.core.json.ApiJson;
import org.mloop.core.json.Json;

/**
 * The one HTTP helper of the client: JSON calls, streamed uploads and downloads, the bearer token,
 * and errors turned back into {@link MloopException}s with the server's code and message.
 * {@code unreachableHint} tells people what to check when nothing answers at the URL.
 */
final class HttpTransport {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** JSON calls; job creation snapshots code server-side, so this is generous. File transfers have none. */
  private static final Duration CALL_TIMEOUT = Duration.ofMinutes(5);

  private final String baseUrl;
  private final String token;
  private final String unreachableHint;
  private final HttpClient http;

  HttpTransport(String baseUrl, String token, String unreachableHint) {
    if (baseUrl == null || !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw MloopException.invalid("'" + baseUrl + "' is not a server URL: use http://HOST:PORT or https://HOST:PORT");
    }
    this.baseUrl = baseUrl.replaceAll("/+$", "");
    this.token = token == null || token.isBlank() ? null : token.trim();
    this.unreachableHint = unreachableHint;
    // HTTP/1.1: no h2c upgrade dance, and uploads stream as plain request bodies.
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  String baseUrl() {
    return baseUrl;
  }

  JsonNode get(String pathAndQuery) {
    return json(request(pathAndQuery).timeout(CALL_TIMEOUT).GET());
  }

  JsonNode post(String path, Object body) {
    return json(request(path).timeout(CALL_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(ApiJson.write(body))));
  }

  JsonNode patch(String path, Object body) {
    return json(request(path).timeout(CALL_TIMEOUT)
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(ApiJson.write(body))));
  }

  JsonNode delete(String path) {
    return json(request(path).timeout(CALL_TIMEOUT).DELETE());
  }

  /** PUTs a body (a file, streamed from disk) and reads the JSON answer. */
  JsonNode put(String path, HttpRequest.BodyPublisher body) {
    return json(request(path).header("Content-Type", "application/octet-stream").PUT(body));
  }

  /** GETs a file as a stream; the caller closes it. */
  InputStream download(String path) {
    HttpRequest built = request(path).GET().build();
    HttpResponse<InputStream> response = send(built, HttpResponse.BodyHandlers.ofInputStream());
    if (response.statusCode() / 100 != 2) {
      String body;
      try (InputStream in = response.body()) {
        body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      } catch (IOException e) {
        body = "";
      }
      throw error(built, response.statusCode(), body);
    }
    return response.body();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private JsonNode json(HttpRequest.Builder builder) {
    HttpRequest built = builder.build();
    HttpResponse<String> response = send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    String body = response.body();
    if (response.statusCode() / 100 != 2) {
      throw error(built, response.statusCode(), body);
    }
    if (body == null || body.isBlank()) {
      return Json.mapper().createObjectNode();
    }
    try {
      return Json.mapper().readTree(body);
    } catch (IOException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, baseUrl + " answered " + built.method() + " "
          + built.uri().getPath() + " with something that is not JSON; is it an mloop server?", e);
    }
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "cannot connect to " + baseUrl + " ("
          + (e instanceof HttpConnectTimeoutException ? "timed out" : "connection refused") + "): " + unreachableHint, e);
    } catch (HttpTimeoutException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, baseUrl + " did not answer " + request.method() + " "
          + request.uri().getPath() + " within " + CALL_TIMEOUT.toMinutes() + " minutes", e);
    } catch (IOException e) {
      throw new MloopException(ErrorCode.INTERNAL_ERROR, request.method() + " " + request.uri().getPath() + " to "
          + baseUrl + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MloopException(ErrorCode.INTERNAL_ERROR, "interrupted while waiting for " + baseUrl, e);
    }
  }

  /** The server's error as an MloopException: its error_code and message, verbatim. */
  private MloopException error(HttpRequest request, int status, String body) {
    String code = null;
    String message = null;
    try {
      JsonNode json = Json.mapper().readTree(body == null ? "" : body);
      if (json != null && json.isObject()) {
        code = json.path("error_code").asText(null);
        message = json.path("message").asText(null);
      }
    } catch (IOException e) {
      // not an MLflow-style error body; described below
    }
    ErrorCode errorCode = errorCode(code, status);
    if (message == null) {
      String shown = body == null ? "" : body.strip();
      message = baseUrl + " answered HTTP " + status + " to " + request.method() + " " + request.uri().getPath()
          + (shown.isEmpty() ? "" : ": " + (shown.length() > 300 ? shown.substring(0, 300) + "..." : shown));
    }
    if (status == 401) {
      message += token == null
          ? " [MLOOP_TOKEN is not set: set it to a token of this workspace]"
          : " [the token in MLOOP_TOKEN was refused: set MLOOP_TOKEN to a valid token of this workspace]";
    } else if ("ENDPOINT_NOT_FOUND".equals(code)) {
      message += " [is " + baseUrl + " an mloop server of the same version as this client?]";
    }
    return new MloopException(errorCode, message);
  }

  private static ErrorCode errorCode(String code, int status) {
    if (code != null) {
      try {
        return ErrorCode.valueOf(code);
      } catch (IllegalArgumentException e) {
        // a code mloop has no constant for: fall back on the status
      }
    }
    return switch (status) {
      case 401 -> ErrorCode.UNAUTHENTICATED;
      case 403 -> ErrorCode.PERMISSION_DENIED;
      case 429 -> ErrorCode.REQUEST_LIMIT_EXCEEDED;
      default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
    };
  }

  // ---- URL building

  /** One path segment, percent-encoded (a name, an id). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A relative file path ({@link ArtifactPath}), each segment encoded, refused before anything is sent. */
  static String relativePath(String path) {
    return relativePath(ArtifactPath.parse("file path", path));
  }

  /** A checked relative path, each segment encoded. */
  static String relativePath(ArtifactPath path) {
    return String.join("/", path.segments().stream().map(HttpTransport::segment).toList());
  }

  /** "?a=1&b=2" from name/value pairs; null values are left out. */
  static String query(Object... namesAndValues) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      Object value = namesAndValues[i + 1];
      if (value == null) {
        continue;
      }
      out.append(out.length() == 0 ? '?' : '&')
          .append(segment(String.valueOf(namesAndValues[i])))
          .append('=')
          .append(segment(String.valueOf(value)));
    }
    return out.toString();
  }
}
