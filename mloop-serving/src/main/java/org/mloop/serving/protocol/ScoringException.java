package org.mloop.serving.protocol;

/**
 * A scoring request refused for a reason the caller can fix: the HTTP status to answer (400 bad
 * input, 401 no or wrong key, 404 unknown endpoint/deployment/model, 413 too large, 415 unsupported
 * content type) and a message that names the column, field or limit. Never a stack trace.
 */
public final class ScoringException extends RuntimeException {
  private final int status;

  public ScoringException(int status, String message) {
    super(message, null, false, false); // no stack trace: these are answers, not bugs
    this.status = status;
  }

  public static ScoringException badRequest(String message) {
    return new ScoringException(400, message);
  }

  public static ScoringException tooLarge(String message) {
    return new ScoringException(413, message);
  }

  public int status() {
    return status;
  }
}
