package org.mloop.serving.host;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mloop.serving.protocol.Protocol;
import org.mloop.serving.protocol.ScoringErrors;

/**
 * The answer to one scoring request: HTTP status, body and its content type, the deployment that
 * scored it (null when none was chosen, e.g. a 401) and the request id.
 */
public record ScoringResult(int status, String contentType, byte[] body, String deployment, String requestId) {
  public static final String REQUEST_ID = "x-request-id";
  public static final String DEPLOYMENT = "mloop-deployment";

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** An error answer in the protocol's shape. */
  static ScoringResult error(int status, String message, String deployment, String id, Protocol protocol) {
    return new ScoringResult(status, ScoringErrors.CONTENT_TYPE, ScoringErrors.body(protocol, status, message),
        deployment, id);
  }

  /** The response headers an HTTP host sends with it. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", contentType);
    headers.put(REQUEST_ID, requestId);
    if (deployment != null) {
      headers.put(DEPLOYMENT, deployment);
    }
    return headers;
  }
}
