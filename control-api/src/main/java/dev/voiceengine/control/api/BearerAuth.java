package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.voiceengine.control.auth.ApiKeyVerifier;
import java.util.Locale;

/**
 * Requires {@code Authorization: Bearer <key>} with a known API key; otherwise 401 with
 * {@code WWW-Authenticate: Bearer} (RFC 6750) and the JSON error. Runs on the event loop: checking a key is a hash
 * and an in-memory comparison.
 */
final class BearerAuth implements DecoratingHttpServiceFunction {
  private static final String REALM = "Bearer realm=\"voice-engine\"";

  private final ApiKeyVerifier verifier;

  BearerAuth(ApiKeyVerifier verifier) {
    this.verifier = verifier;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    String token = bearerToken(req.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (token == null) {
      return unauthorized(REALM, "missing API key: send Authorization: Bearer <key>");
    }
    if (!verifier.verify(token)) {
      return unauthorized(REALM + ", error=\"invalid_token\"", "invalid API key");
    }
    return delegate.serve(ctx, req);
  }

  /** The token of a Bearer authorization header (scheme case-insensitive), or null. */
  static String bearerToken(String header) {
    if (header == null) {
      return null;
    }
    String value = header.strip();
    int space = value.indexOf(' ');
    if (space <= 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    String token = value.substring(space + 1).strip();
    return token.isEmpty() ? null : token;
  }

  private static HttpResponse unauthorized(String challenge, String message) {
    return ApiErrors.of(ResponseHeaders.builder(HttpStatus.UNAUTHORIZED)
            .set(HttpHeaderNames.WWW_AUTHENTICATE, challenge), "unauthorized", message, null)
        .toHttpResponse();
  }
}
