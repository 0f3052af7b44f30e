package dev.voiceengine.control.auth;

import com.linecorp.armeria.server.ServiceRequestContext;
import io.netty.util.AttributeKey;

/**
 * The organization of the API key that authenticated the request, kept on the request's context by the key check
 * (REST and gRPC) so that every handler reads and writes only that organization's data.
 */
public final class CallerOrg {
  private static final AttributeKey<String> ORG = AttributeKey.valueOf(CallerOrg.class, "org");

  private CallerOrg() {}

  /** Records the caller's organization on the request. */
  public static void set(ServiceRequestContext ctx, String orgId) {
    ctx.setAttr(ORG, orgId);
  }

  /**
   * The caller's organization: the one the key check recorded, else the default organization (a route served
   * without a key check, as in some tests, sees what a single-organization engine shows).
   */
  public static String of(ServiceRequestContext ctx) {
    String org = ctx == null ? null : ctx.attr(ORG);
    return org == null ? ApiKeyVerifier.DEFAULT_ORG : org;
  }

  /** The current request's organization (see {@link #of}). */
  public static String current() {
    return of(ServiceRequestContext.currentOrNull());
  }
}
