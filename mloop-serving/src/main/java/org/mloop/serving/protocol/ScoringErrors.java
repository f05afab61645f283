package org.mloop.serving.protocol;

/**
 * A refused request's JSON body, in the shape each protocol's clients expect:
 * <pre>
 * AZURE_SCORE         {"error": "input row 2, column 'Age' ...", "status": 400}
 * MLFLOW_INVOCATIONS  {"error_code": "BAD_REQUEST", "message": "input row 2, ..."}   (MLflow's scoring server)
 * OPEN_INFERENCE_V2   {"error": "input row 2, ..."}                                  (the V2 protocol)
 * </pre>
 * Content type application/json; the HTTP status is {@link ScoringException#status()}.
 */
public final class ScoringErrors {
  public static final String CONTENT_TYPE = "application/json";

  private ScoringErrors() {}

  public static byte[] body(Protocol protocol, ScoringException e) {
    return body(protocol, e.status(), e.getMessage());
  }

  public static byte[] body(Protocol protocol, int status, String message) {
    String text = message == null ? "error " + status : message;
    return JsonIo.write(64 + text.length(), g -> {
      g.writeStartObject();
      switch (protocol) {
        case AZURE_SCORE -> {
          g.writeStringField("error", text);
          g.writeNumberField("status", status);
        }
        case MLFLOW_INVOCATIONS -> {
          g.writeStringField("error_code", mlflowCode(status));
          g.writeStringField("message", text);
        }
        case OPEN_INFERENCE_V2 -> g.writeStringField("error", text);
      }
      g.writeEndObject();
    });
  }

  /** MLflow's error codes for an HTTP status, as its REST API and scoring server use them. */
  static String mlflowCode(int status) {
    return switch (status) {
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "RESOURCE_DOES_NOT_EXIST";
      case 413, 429 -> "REQUEST_LIMIT_EXCEEDED";
      case 503 -> "TEMPORARILY_UNAVAILABLE";
      default -> status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
    };
  }
}
