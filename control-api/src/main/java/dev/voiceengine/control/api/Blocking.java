package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** Runs blocking work (JDBC, file system) on the server's blocking executor, never on the event loop. */
final class Blocking {
  private Blocking() {}

  /** The response the work produces; a thrown exception goes to the error handler. */
  static HttpResponse respond(ServiceRequestContext ctx, Callable<HttpResponse> work) {
    CompletableFuture<HttpResponse> future = new CompletableFuture<>();
    ctx.blockingTaskExecutor().execute(() -> {
      try {
        future.complete(work.call());
      } catch (Throwable e) {
        future.completeExceptionally(e);
      }
    });
    return HttpResponse.of(future);
  }
}
