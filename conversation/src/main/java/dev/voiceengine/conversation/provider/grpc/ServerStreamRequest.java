package dev.voiceengine.conversation.provider.grpc;

import dev.voiceengine.conversation.provider.Cancellable;
import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * One server-streaming provider call (a reply, a synthesis) with a first-response and a total deadline.
 *
 * <p>The call runs in its own {@link Context.CancellableContext}, forked from the root context so that it lives as
 * long as the engine wants it and no longer: cancelling that context cancels the RPC at once (the provider sees
 * {@code CANCELLED}), and it is cancelled at every end so that nothing stays registered.
 */
final class ServerStreamRequest<R> implements StreamObserver<R>, Cancellable {

  /** Hands responses to the engine's listener. */
  interface Handler<R> {
    /**
     * Delivers one response. Returns whether it is what the first-response deadline waits for; throws when the
     * response breaks the contract.
     */
    boolean handle(R response) throws ProviderException;

    void onCompleted();

    void onError(ProviderException error);
  }

  /** What the deadlines wait for, in words for the error message. */
  record Waits(Duration first, String firstWhat, Duration total) {}

  private final Capability capability;
  private final Handler<R> handler;
  private final RequestGuard guard;
  private RequestGuard.Deadline firstDeadline;
  private boolean firstSeen;

  private ServerStreamRequest(Capability capability, ScheduledExecutorService scheduler, Handler<R> handler) {
    this.capability = capability;
    this.handler = handler;
    this.guard = new RequestGuard(capability, scheduler, handler::onError);
  }

  /** Starts the call: {@code call} invokes the async stub with the observer it is given. */
  static <R> Cancellable start(
      Capability capability,
      ScheduledExecutorService scheduler,
      Waits waits,
      Handler<R> handler,
      Consumer<StreamObserver<R>> call) {
    ServerStreamRequest<R> request = new ServerStreamRequest<>(capability, scheduler, handler);
    request.run(waits, call);
    return request;
  }

  private void run(Waits waits, Consumer<StreamObserver<R>> call) {
    Context.CancellableContext context = Context.ROOT.withCancellation();
    guard.onEnd(() -> context.cancel(null));
    firstDeadline =
        guard.deadline(waits.first(), "sent no " + waits.firstWhat() + " within " + waits.first().toMillis() + " ms");
    guard.deadline(waits.total(), "did not finish within " + waits.total().toMillis() + " ms");
    Context previous = context.attach();
    try {
      call.accept(this);
    } catch (RuntimeException e) {
      guard.cancel();
      throw e;
    } finally {
      context.detach(previous);
    }
  }

  @Override
  public void onNext(R response) {
    guard.deliver(
        () -> {
          if (handler.handle(response) && !firstSeen) {
            firstSeen = true;
            firstDeadline.disarm();
          }
        });
  }

  @Override
  public void onError(Throwable t) {
    guard.fail(ProviderErrors.fromThrowable(capability, t));
  }

  @Override
  public void onCompleted() {
    guard.complete(handler::onCompleted);
  }

  /** Cancels the RPC at once; the listener hears nothing more. */
  @Override
  public void cancel() {
    guard.cancel();
  }
}
