package dev.voiceengine.providers.openai;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * The response side of one gRPC call, fed from HTTP client threads: calls are serialised, at most one of
 * {@link #fail}/{@link #complete} reaches the caller, and nothing is sent once the caller cancelled. The cancel hook
 * runs when the caller cancels (barge-in) or its deadline passes, so the HTTP request can be aborted at once.
 */
final class GrpcReply<T> {
  private final ServerCallStreamObserver<T> call;
  private boolean closed;

  GrpcReply(StreamObserver<T> observer, Runnable onCancel) {
    this.call = (ServerCallStreamObserver<T>) observer;
    call.setOnCancelHandler(
        () -> {
          synchronized (this) {
            closed = true;
          }
          onCancel.run();
        });
  }

  /** Sends one message; false when the call is already over. */
  synchronized boolean next(T value) {
    if (closed || call.isCancelled()) {
      return false;
    }
    call.onNext(value);
    return true;
  }

  synchronized void fail(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    if (!call.isCancelled()) {
      call.onError(error instanceof StatusRuntimeException ? error : Status.fromThrowable(error).asRuntimeException());
    }
  }

  synchronized void complete() {
    if (closed) {
      return;
    }
    closed = true;
    if (!call.isCancelled()) {
      call.onCompleted();
    }
  }

  /** Whether the transport can take another message without buffering it (gRPC flow control). */
  synchronized boolean isReady() {
    return !closed && call.isReady();
  }

  /** Runs when {@link #isReady()} turns true. Set before the first message is sent. */
  void onReady(Runnable handler) {
    call.setOnReadyHandler(handler);
  }

  synchronized boolean isOpen() {
    return !closed && !call.isCancelled();
  }
}
