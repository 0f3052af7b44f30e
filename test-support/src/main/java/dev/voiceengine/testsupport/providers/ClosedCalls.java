package dev.voiceengine.testsupport.providers;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Sees the calls on a channel close, as the client's listener does. gRPC hands a call's listener its messages and then
 * its close in order, on one serializing executor, so once a call's close has been handed over nothing more of that
 * call can reach the code under test: the event a test waits for before it asserts that nothing more arrived.
 */
public final class ClosedCalls implements ClientInterceptor {
  private final Semaphore closed = new Semaphore(0);

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            try {
              super.onClose(status, trailers);
            } finally {
              closed.release();
            }
          }
        }, headers);
      }
    };
  }

  /** Waits (10 s at most) until {@code calls} more calls have closed. */
  public void await(int calls) throws InterruptedException {
    if (!closed.tryAcquire(calls, 10, TimeUnit.SECONDS)) {
      throw new AssertionError(calls + " call(s) did not close within 10 s");
    }
  }
}
