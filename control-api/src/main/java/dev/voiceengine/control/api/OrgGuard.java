package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import dev.voiceengine.control.auth.CallerOrg;
import dev.voiceengine.control.store.CallOrgs;
import java.util.concurrent.CompletableFuture;

/**
 * Keeps every route of one call ({@code /v1/calls/{id}} and everything under it: transcript, recording, notes,
 * events, end, control) and of one batch ({@code /v1/calls/batch/{id}...}) to the caller's organization: a call or
 * batch stored for another organization is answered 404 with exactly the body of a missing one, before the route's
 * handler runs, so no handler can forget the check. A missing one is left to the handler (its 404, or 400 for an id
 * that is no UUID). Runs after the key check ({@link BearerAuth}), which records the organization; the store is read
 * on the blocking executor and the route then continues on the request's event loop.
 */
final class OrgGuard implements DecoratingHttpServiceFunction {
  private static final String BATCH = "batch";

  private final CallOrgs orgs;

  OrgGuard(CallOrgs orgs) {
    this.orgs = orgs;
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    // /v1/calls/{id}[/...] or /v1/calls/batch/{id}[/...], read from the path itself (the same on every route)
    String[] segments = ctx.path().split("/", -1);
    if (segments.length < 4 || !segments[1].equals("v1") || !segments[2].equals("calls")) {
      return delegate.serve(ctx, req);
    }
    boolean batch = segments[3].equals(BATCH);
    if (batch && segments.length < 5) {
      return delegate.serve(ctx, req);
    }
    String raw = batch ? segments[4] : segments[3];
    String id;
    try {
      id = CallIds.parse(raw, "id");
    } catch (ApiException e) {
      return delegate.serve(ctx, req);
    }
    String org = CallerOrg.of(ctx);
    CompletableFuture<HttpResponse> checked = new CompletableFuture<>();
    ctx.blockingTaskExecutor().execute(() -> {
      try {
        String owner = batch ? orgs.batchOrg(id) : orgs.callOrg(id);
        boolean foreign = owner != null && !owner.equals(org);
        ctx.eventLoop().execute(() -> {
          try {
            checked.complete(foreign
                ? ApiErrors.of(ApiException.notFound((batch ? "no batch with id " : "no call with id ") + id))
                    .toHttpResponse()
                : delegate.serve(ctx, req));
          } catch (Throwable e) {
            checked.completeExceptionally(e);
          }
        });
      } catch (Throwable e) {
        checked.completeExceptionally(e);
      }
    });
    return HttpResponse.of(checked);
  }
}
