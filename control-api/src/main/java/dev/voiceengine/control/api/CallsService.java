package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.HttpService;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallQueries;

/** {@code GET /v1/calls} (filtered, paged list) and {@code GET /v1/calls/{id}} (one call). */
final class CallsService {
  private final CallQueries queries;

  CallsService(CallQueries queries) {
    this.queries = queries;
  }

  /** Lists calls, newest first. The query is validated on the event loop; the store is read off it. */
  HttpService list() {
    return (ctx, req) -> {
      CallFilter filter = ListCallsQuery.parse(ctx.queryParams());
      return Blocking.respond(ctx, () -> Json.ok(CallJson.page(queries.list(filter), filter)));
    };
  }

  /** One call by id: 400 for an id that is not a UUID, 404 when there is no such call. */
  HttpService get() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      NoQuery.check(ctx.queryParams());
      return Blocking.respond(ctx, () -> Json.ok(CallJson.call(
          queries.find(id).orElseThrow(() -> ApiException.notFound("no call with id " + id)))));
    };
  }
}
