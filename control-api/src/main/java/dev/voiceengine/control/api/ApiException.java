package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpStatus;

/**
 * A request the API refuses, with the status, machine-readable code, human message and (when the problem is one
 * parameter) the field it is about. Thrown by handlers; {@link JsonErrorHandler} renders it.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String code;
  private final String field;

  public ApiException(HttpStatus status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** 400 invalid_parameter about one query or path field. */
  public static ApiException invalidParameter(String field, String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, "invalid_parameter", message, field);
  }

  /** 404 not_found. */
  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, "not_found", message, null);
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
