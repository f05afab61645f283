package org.mloop.core;

/**
 * The one error type that crosses module boundaries. Its {@link ErrorCode} maps onto MLflow's REST
 * error codes and HTTP statuses, so a store error reaches a remote CLI with the same meaning.
 * Messages are written for people: what went wrong, where, and what to do.
 */
public class MloopException extends RuntimeException {
  private final ErrorCode code;

  public MloopException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public MloopException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static MloopException notFound(String message) {
    return new MloopException(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
  }

  public static MloopException invalid(String message) {
    return new MloopException(ErrorCode.INVALID_PARAMETER_VALUE, message);
  }

  public static MloopException alreadyExists(String message) {
    return new MloopException(ErrorCode.RESOURCE_ALREADY_EXISTS, message);
  }
}
