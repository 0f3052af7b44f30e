package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import java.util.Locale;

/**
 * The one error shape of the API, {@code {"error": {"code", "message", "field"}}}, and the code for each HTTP
 * status the server itself may produce (unknown path, wrong method, malformed request).
 */
public final class ApiErrors {
  private ApiErrors() {}

  /** The error response for an {@link ApiException}. */
  public static AggregatedHttpResponse of(ApiException e) {
    return of(e.status(), e.code(), e.getMessage(), e.field());
  }

  /** An error response; field may be null. */
  public static AggregatedHttpResponse of(HttpStatus status, String code, String message, String field) {
    return of(ResponseHeaders.builder(status), code, message, field);
  }

  /** An error response with extra headers already on the builder (whose status is used). */
  public static AggregatedHttpResponse of(
      ResponseHeadersBuilder headers, String code, String message, String field) {
    ObjectNode error = Json.MAPPER.createObjectNode();
    error.put("code", code);
    error.put("message", message);
    error.put("field", field);
    ObjectNode body = Json.MAPPER.createObjectNode();
    body.set("error", error);
    return AggregatedHttpResponse.of(headers.contentType(MediaType.JSON_UTF_8).build(), Json.bytes(body));
  }

  /**
   * The error for a status the server decided on its own (routing, protocol). A 405 says what is allowed: every
   * resource of this API is read-only (RFC 9110 §15.5.6).
   */
  public static AggregatedHttpResponse forStatus(HttpStatus status) {
    ResponseHeadersBuilder headers = ResponseHeaders.builder(status);
    if (status == HttpStatus.METHOD_NOT_ALLOWED) {
      headers.set(com.linecorp.armeria.common.HttpHeaderNames.ALLOW, ReadOnlyResource.ALLOW);
    }
    return of(headers, codeFor(status), messageFor(status), null);
  }

  static String codeFor(HttpStatus status) {
    return switch (status.code()) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "request_timeout";
      case 413 -> "payload_too_large";
      case 415 -> "unsupported_media_type";
      case 416 -> "range_not_satisfiable";
      case 429 -> "too_many_requests";
      case 503 -> "unavailable";
      default -> status.isServerError() ? "internal" : "http_" + status.code();
    };
  }

  private static String messageFor(HttpStatus status) {
    return switch (status.code()) {
      case 404 -> "no such resource";
      case 405 -> "method not allowed on this resource";
      case 500 -> "internal error";
      default -> status.reasonPhrase().toLowerCase(Locale.ROOT);
    };
  }
}
