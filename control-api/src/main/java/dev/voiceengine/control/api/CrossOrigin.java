package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.cors.CorsService;
import com.linecorp.armeria.server.cors.CorsServiceBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API's cross-origin policy (the Fetch standard's CORS protocol). By default no web page of another origin may
 * use the API: preflights are refused with 403 and responses carry no {@code Access-Control-Allow-Origin}, so a
 * browser keeps them from the page. Origins listed in configuration may call it with GET, HEAD and POST, sending
 * {@code Authorization} or {@code x-api-key}, range, {@code Content-Type} and {@code Idempotency-Key} headers, and
 * read the download headers and {@code Retry-After}; a preflight from any other origin is refused with 403 as well.
 *
 * <p>The policy runs before authentication: a browser never sends credentials with a preflight.
 */
final class CrossOrigin {
  /** How long a browser may reuse a preflight's answer. */
  static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

  private CrossOrigin() {}

  /** The decorator for these allowed origins (e.g. {@code https://ops.example.com}); none allows none. */
  static Function<? super HttpService, ? extends HttpService> decorator(List<String> allowedOrigins) {
    Set<String> allowed = allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    DecoratingHttpServiceFunction refuseOthers = (delegate, ctx, req) -> isPreflight(req)
        && !allowed.contains(req.headers().get(HttpHeaderNames.ORIGIN, "").toLowerCase(Locale.ROOT))
        ? ApiErrors.of(HttpStatus.FORBIDDEN, "forbidden", "cross-origin requests are not allowed from this origin",
            null).toHttpResponse()
        : delegate.serve(ctx, req);
    if (allowed.isEmpty()) {
      return delegate -> delegate.decorate(refuseOthers);
    }
    CorsServiceBuilder cors = CorsService.builder(allowed)
        .allowRequestMethods(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST)
        .allowRequestHeaders(HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.RANGE, HttpHeaderNames.IF_RANGE,
            HttpHeaderNames.CONTENT_TYPE, HttpHeaderNames.of("idempotency-key"), BearerAuth.API_KEY)
        .exposeHeaders(HttpHeaderNames.CONTENT_DISPOSITION, HttpHeaderNames.CONTENT_RANGE,
            HttpHeaderNames.ACCEPT_RANGES, HttpHeaderNames.CONTENT_LENGTH, HttpHeaderNames.WWW_AUTHENTICATE,
            HttpHeaderNames.RETRY_AFTER)
        .maxAge(PREFLIGHT_MAX_AGE);
    return delegate -> cors.build(delegate).decorate(refuseOthers);
  }

  /** Whether the request is a CORS preflight: OPTIONS with Origin and Access-Control-Request-Method. */
  static boolean isPreflight(HttpRequest req) {
    return req.method() == HttpMethod.OPTIONS && req.headers().contains(HttpHeaderNames.ORIGIN)
        && req.headers().contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
  }
}
