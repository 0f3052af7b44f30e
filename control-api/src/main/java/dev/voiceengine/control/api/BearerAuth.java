package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpHeaders;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.auth.CallerOrg;
import io.netty.util.AsciiString;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Requires a known API key, sent as {@code Authorization: Bearer <key>} (RFC 6750 §2.1) or {@code x-api-key: <key>}
 * (as gRPC accepts); otherwise 401 with {@code WWW-Authenticate: Bearer} and the JSON error. Sending two different
 * keys (in the two headers, or one header twice) is refused as ambiguous rather than guessing which one counts; the
 * same key in both is fine. A verified key then takes a token from its {@link KeyRateLimiter}: when there is none
 * the answer is 429 with {@code Retry-After} (RFC 6585 §4). Runs on the event loop: a hash, in-memory comparisons
 * and a few arithmetic operations. The key's organization is recorded on the request ({@link CallerOrg}).
 */
final class BearerAuth implements DecoratingHttpServiceFunction {
  /** The header that carries a bare key. */
  static final AsciiString API_KEY = AsciiString.cached("x-api-key");
  private static final String REALM = "Bearer realm=\"voice-engine\"";

  private final ApiKeyVerifier verifier;
  private final KeyRateLimiter limiter;

  BearerAuth(ApiKeyVerifier verifier) {
    this(verifier, new KeyRateLimiter(RateLimit.OFF));
  }

  BearerAuth(ApiKeyVerifier verifier, KeyRateLimiter limiter) {
    this.verifier = verifier;
    this.limiter = limiter;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    Set<String> keys = presentedKeys(req.headers());
    if (keys.isEmpty()) {
      return unauthorized(REALM, "missing API key: send Authorization: Bearer <key> or x-api-key: <key>");
    }
    if (keys.size() > 1) {
      return unauthorized(REALM + ", error=\"invalid_request\"",
          "ambiguous API key: the request carries different keys; send one key in one header");
    }
    String key = keys.iterator().next();
    String org = verifier.organization(key);
    if (org == null) {
      return unauthorized(REALM + ", error=\"invalid_token\"", "invalid API key");
    }
    if (limiter.enabled()) {
      long waitNanos = limiter.tryAcquire(ApiKeys.hashHex(key));
      if (waitNanos > 0) {
        return rateLimited(limiter.limit(), TokenBucket.retryAfterSeconds(waitNanos));
      }
    }
    CallerOrg.set(ctx, org);
    return delegate.serve(ctx, req);
  }

  /**
   * The distinct keys the request presents: every Bearer token of an Authorization header and every non-blank
   * x-api-key value, stripped. Authorization headers of other schemes present no key.
   */
  static Set<String> presentedKeys(HttpHeaders headers) {
    Set<String> keys = new LinkedHashSet<>(2);
    for (String authorization : headers.getAll(HttpHeaderNames.AUTHORIZATION)) {
      String token = bearerToken(authorization);
      if (token != null) {
        keys.add(token);
      }
    }
    for (String apiKey : headers.getAll(API_KEY)) {
      if (!apiKey.isBlank()) {
        keys.add(apiKey.strip());
      }
    }
    return keys;
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

  private static HttpResponse rateLimited(RateLimit limit, long retryAfterSeconds) {
    return ApiErrors.of(ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS)
            .set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfterSeconds)), "rate_limited",
        "rate limit exceeded: each API key may make " + limit.describe() + "; retry after "
            + retryAfterSeconds + " s", null)
        .toHttpResponse();
  }
}
