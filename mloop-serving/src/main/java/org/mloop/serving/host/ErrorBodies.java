package org.mloop.serving.host;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.mloop.core.json.Json;

/**
 * JSON error bodies. Azure and MLflow routes answer MLflow's shape
 * {@code {"error_code": "BAD_REQUEST", "message": "..."}}; Open Inference routes answer V2's
 * {@code {"error": "..."}}. Never a stack trace.
 */
final class ErrorBodies {
  private ErrorBodies() {}

  static byte[] json(int status, String message, boolean v2) {
    ObjectNode node = Json.mapper().createObjectNode();
    if (v2) {
      node.put("error", message);
    } else {
      node.put("error_code", code(status));
      node.put("message", message);
    }
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  static String code(int status) {
    return switch (status) {
      case 400 -> "BAD_REQUEST";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "RESOURCE_DOES_NOT_EXIST";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 413 -> "REQUEST_TOO_LARGE";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      case 503 -> "UNAVAILABLE";
      default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
    };
  }
}
