package dev.voiceengine.control.api;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.HttpResponseException;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every failure as the API's JSON error: refusals thrown by handlers, statuses Armeria decides (unknown
 * path, wrong method, malformed request) and unexpected exceptions, which become a 500 whose body says nothing
 * more; the details go to the log.
 */
final class JsonErrorHandler implements ServerErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(JsonErrorHandler.class);

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    Throwable e = Exceptions.peel(cause);
    if (e instanceof ApiException api) {
      return ApiErrors.of(api).toHttpResponse();
    }
    if (e instanceof HttpResponseException response) {
      return response.httpResponse();
    }
    if (e instanceof HttpStatusException status) {
      if (status.httpStatus().isServerError()) {
        log.error("{} {} failed with {}", ctx.method(), ctx.path(), status.httpStatus(), status.getCause());
      }
      return ApiErrors.forStatus(status.httpStatus()).toHttpResponse();
    }
    log.error("{} {} failed", ctx.method(), ctx.path(), e);
    return ApiErrors.forStatus(HttpStatus.INTERNAL_SERVER_ERROR).toHttpResponse();
  }

  @Override
  public AggregatedHttpResponse onProtocolViolation(
      ServiceConfig config, RequestHeaders headers, HttpStatus status, String description, Throwable cause) {
    return ApiErrors.forStatus(status);
  }

  @Override
  public AggregatedHttpResponse renderStatus(
      ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers, HttpStatus status,
      String description, Throwable cause) {
    if (status.isServerError()) {
      log.error("Request failed with {}{}", status, description != null ? ": " + description : "", cause);
    }
    return ApiErrors.forStatus(status);
  }
}
