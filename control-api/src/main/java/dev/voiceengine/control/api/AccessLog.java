package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DEBUG line per request (method, path, status, and the cause of an error), on the logger
 * {@code dev.voiceengine.control.api.access}. A client's bad request is the client's problem, not an operator's: it
 * is never logged above DEBUG (server errors are logged as errors by {@link JsonErrorHandler}). Marks each request as
 * logged, so Armeria does not report its exception as a WARN with a stack trace. Headers are never logged (they
 * carry API keys).
 */
final class AccessLog implements DecoratingHttpServiceFunction {
  static final Logger LOG = LoggerFactory.getLogger("dev.voiceengine.control.api.access");

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    ctx.setShouldReportUnloggedExceptions(false);
    if (LOG.isDebugEnabled()) {
      ctx.log().whenComplete().thenAccept(log -> {
        Throwable cause = log.responseCause();
        LOG.debug("{} {} -> {}{}", log.requestHeaders().method(), ctx.path(), log.responseHeaders().status().code(),
            cause == null ? "" : " (" + cause + ")");
      });
    }
    return delegate.serve(ctx, req);
  }
}
