package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API describing itself: {@code GET /v1/openapi.json}, the OpenAPI 3.1 document (a resource file kept in step
 * with the routes by {@code OpenApiDocumentTest}), behind the key like the rest of {@code /v1}; and {@code GET /docs},
 * a self-contained page that asks for a key, reads the document with it and renders paths, parameters and schemas.
 * The page is open because a browser cannot send a Bearer key when navigating; it holds no API data itself and loads
 * nothing from elsewhere (the engine runs offline), which its Content-Security-Policy enforces.
 */
public final class OpenApiResources {
  static final String DOCUMENT_PATH = "/v1/openapi.json";
  static final String DOCS_PATH = "/docs";
  /** Inline script and style only; the page talks to its own origin and nowhere else. */
  static final String DOCS_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
      + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final byte[] DOCUMENT = load("/openapi/openapi.json");
  private static final byte[] DOCS = load("/openapi/docs.html");

  private OpenApiResources() {}

  /** The two routes, to pass to {@link ApiServer#start} among the {@code more} routes. */
  public static ApiServer.Routes routes() {
    return (sb, keys) -> {
      ReadOnlyResource.bind(sb, DOCUMENT_PATH, document());
      ReadOnlyResource.bind(sb, DOCS_PATH, docs());
    };
  }

  static HttpService document() {
    return (ctx, req) -> {
      NoQuery.check(ctx.queryParams());
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.JSON_UTF_8)
          .set(HttpHeaderNames.CACHE_CONTROL, "no-cache").build(), HttpData.wrap(DOCUMENT));
    };
  }

  static HttpService docs() {
    return (ctx, req) -> {
      NoQuery.check(ctx.queryParams());
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK).contentType(MediaType.HTML_UTF_8)
          .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, DOCS_POLICY)
          .set(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
          .set(HttpHeaderNames.REFERRER_POLICY, "no-referrer")
          .set(HttpHeaderNames.CACHE_CONTROL, "no-cache").build(), HttpData.wrap(DOCS));
    };
  }

  /** The document as served (tests compare it with the routes). */
  static byte[] documentBytes() {
    return DOCUMENT.clone();
  }

  private static byte[] load(String resource) {
    try (InputStream in = OpenApiResources.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " in the control-api jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + resource, e);
    }
  }
}
