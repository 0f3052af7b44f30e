package dev.voiceengine.providers.openai;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One HTTP exchange that may have to be aborted from another thread. Before the response begins, cancelling the
 * {@code sendAsync} future aborts the exchange; once the body streams, cancelling its subscription closes the
 * connection (HTTP/1.1) or resets the stream (HTTP/2), so the service stops generating. A cancel that comes before
 * either exists is remembered and applied when it arrives.
 */
final class InFlight {
  private CompletableFuture<?> future;
  private Flow.Subscription subscription;
  private boolean cancelled;

  void started(CompletableFuture<?> f) {
    boolean cancelNow;
    synchronized (this) {
      future = f;
      cancelNow = cancelled;
    }
    if (cancelNow) {
      f.cancel(true);
    }
  }

  void subscribed(Flow.Subscription s) {
    boolean cancelNow;
    synchronized (this) {
      subscription = s;
      cancelNow = cancelled;
    }
    if (cancelNow) {
      s.cancel();
    }
  }

  void cancel() {
    CompletableFuture<?> f;
    Flow.Subscription s;
    synchronized (this) {
      cancelled = true;
      f = future;
      s = subscription;
    }
    if (s != null) {
      s.cancel();
    }
    if (f != null) {
      f.cancel(true);
    }
  }

  synchronized boolean isCancelled() {
    return cancelled;
  }
}
