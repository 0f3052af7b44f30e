package dev.voiceengine.control.grpc;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.voiceengine.control.api.ApiErrors;

/**
 * Keeps plain HTTP requests to gRPC paths inside the API's error contract: a method other than POST is a JSON 405
 * ({@code Allow: POST}), a POST that is not gRPC ({@code application/grpc…}) a JSON 415. gRPC requests pass.
 */
final class GrpcOnly implements DecoratingHttpServiceFunction {
  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    if (req.method() != HttpMethod.POST) {
      return ApiErrors.of(ResponseHeaders.builder(HttpStatus.METHOD_NOT_ALLOWED).set(HttpHeaderNames.ALLOW, "POST"),
          "method_not_allowed", "gRPC methods take POST with content-type application/grpc", null)
          .toHttpResponse();
    }
    MediaType type = req.contentType();
    if (type == null || !type.subtype().startsWith("grpc")) {
      return ApiErrors.of(ResponseHeaders.builder(HttpStatus.UNSUPPORTED_MEDIA_TYPE), "unsupported_media_type",
          "this path serves gRPC: content-type must be application/grpc", null).toHttpResponse();
    }
    return delegate.serve(ctx, req);
  }
}
