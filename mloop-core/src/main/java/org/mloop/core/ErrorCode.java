package org.mloop.core;

/** MLflow's error codes (the subset mloop produces), each with the HTTP status MLflow uses. */
public enum ErrorCode {
  INVALID_PARAMETER_VALUE(400),
  BAD_REQUEST(400),
  RESOURCE_DOES_NOT_EXIST(404),
  RESOURCE_ALREADY_EXISTS(400),
  INVALID_STATE(400),
  UNAUTHENTICATED(401),
  PERMISSION_DENIED(403),
  REQUEST_LIMIT_EXCEEDED(429),
  INTERNAL_ERROR(500);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
