package dev.voiceengine.control.api;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * How a resource that takes POST is bound: it is routed for every method and answers them itself, so OPTIONS and a
 * 405 name exactly what it allows ({@code Allow}, RFC 9110 §10.2.1) rather than the read-only resources' list. A POST
 * body is read in full (within the server's request limit) before the handler sees it.
 */
final class WritableResource {
  private static final HttpMethod[] ALL = {HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST, HttpMethod.PUT,
      HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.TRACE};

  private WritableResource() {}

  /** A POST handler: the whole request at hand. */
  @FunctionalInterface
  interface Post {
    HttpResponse serve(ServiceRequestContext ctx, AggregatedHttpRequest req) throws Exception;
  }

  /** Serves {@code post} (and {@code get} for GET/HEAD when not null) on {@code path}. */
  static void bind(ServerBuilder sb, String path, HttpService get, Post post) {
    String allow = (get != null ? "GET, HEAD, " : "") + "POST, OPTIONS";
    sb.route().path(path).methods(ALL).build((ctx, req) -> {
      HttpMethod method = req.method();
      if (method == HttpMethod.OPTIONS) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.NO_CONTENT).set(HttpHeaderNames.ALLOW, allow)
            .build());
      }
      if (get != null && (method == HttpMethod.GET || method == HttpMethod.HEAD)) {
        return get.serve(ctx, req);
      }
      if (method == HttpMethod.POST) {
        return HttpResponse.of(req.aggregate().thenApply(whole -> {
          try {
            return post.serve(ctx, whole);
          } catch (RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      return ApiErrors.of(ResponseHeaders.builder(HttpStatus.METHOD_NOT_ALLOWED).set(HttpHeaderNames.ALLOW, allow),
          "method_not_allowed", "method not allowed on this resource; allowed: " + allow, null).toHttpResponse();
    });
  }

  /** A 202 or 200 JSON response. */
  static HttpResponse json(HttpStatus status, com.fasterxml.jackson.databind.JsonNode body) {
    return HttpResponse.of(status, com.linecorp.armeria.common.MediaType.JSON_UTF_8, Json.bytes(body));
  }
}
