package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceBindingBuilder;

/**
 * How every resource of the API is bound: it answers GET and HEAD, and OPTIONS itself with {@code 204} and
 * {@code Allow} (RFC 9110 §9.3.7); other methods get 405.
 *
 * <p>OPTIONS is routed explicitly on purpose. When a route does not list OPTIONS, Armeria 1.36 still matches a CORS
 * preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) to it and caches that
 * match by method and path; a later plain OPTIONS on the path then hits the cached route, which does not accept it,
 * and fails with a 500. A route that accepts OPTIONS matches both kinds of request the same way. Preflights
 * themselves are answered before the resource by {@link CrossOrigin}.
 */
final class ReadOnlyResource {
  /** The methods every resource allows, as sent in {@code Allow}. */
  static final String ALLOW = "GET, HEAD, OPTIONS";

  private ReadOnlyResource() {}

  /** Serves {@code service} on {@code path} as a read-only resource. */
  static void bind(ServerBuilder sb, String path, HttpService service) {
    route(sb, path).build(answeringOptions(service));
  }

  /**
   * A route on {@code path} for GET, HEAD and OPTIONS, to customise; finish it with
   * {@code .build(answeringOptions(service))}.
   */
  static ServiceBindingBuilder route(ServerBuilder sb, String path) {
    return sb.route().path(path).methods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  }

  /** The service, with OPTIONS answered before it is reached. */
  static HttpService answeringOptions(HttpService service) {
    return (ctx, req) -> {
      if (req.method() == HttpMethod.OPTIONS) {
        return HttpResponse.of(ResponseHeaders.builder(HttpStatus.NO_CONTENT)
            .set(HttpHeaderNames.ALLOW, ALLOW).build());
      }
      return service.serve(ctx, req);
    };
  }
}
