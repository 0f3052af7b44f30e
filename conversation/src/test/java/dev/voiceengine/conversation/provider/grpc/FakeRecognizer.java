package dev.voiceengine.conversation.provider.grpc;

import com.google.protobuf.ByteString;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A recognizer that counts what it hears. The config's model picks its behaviour: "" answers an interim per chunk
 * (when asked) and a final "total:N" (N bytes heard) after the half-close; "fail" answers UNAVAILABLE to the first
 * chunk; "no-final" never answers the half-close. With {@link #manualFlow} it reads only what the test requests.
 */
final class FakeRecognizer extends SpeechToTextGrpc.SpeechToTextImplBase {
  final CountDownLatch started = new CountDownLatch(1);
  final CountDownLatch cancelled = new CountDownLatch(1);
  final CountDownLatch halfClosed = new CountDownLatch(1);
  final List<Integer> messageBytes = new CopyOnWriteArrayList<>();
  private ByteString audio = ByteString.EMPTY;
  private final boolean manualFlow;
  volatile AudioChunk first;
  volatile ServerCallStreamObserver<Recognition> call;

  FakeRecognizer(boolean manualFlow) {
    this.manualFlow = manualFlow;
  }

  synchronized ByteString audio() {
    return audio;
  }

  @Override
  public StreamObserver<AudioChunk> recognize(StreamObserver<Recognition> responses) {
    ServerCallStreamObserver<Recognition> serverCall = (ServerCallStreamObserver<Recognition>) responses;
    serverCall.setOnCancelHandler(cancelled::countDown);
    if (manualFlow) {
      serverCall.disableAutoRequest();
    }
    call = serverCall;
    started.countDown();
    return new StreamObserver<>() {
      @Override
      public void onNext(AudioChunk chunk) {
        if (first == null) {
          first = chunk;
          if (chunk.getConfig().getModel().equals("fail")) {
            responses.onError(Status.UNAVAILABLE.withDescription("model is loading").asRuntimeException());
            return;
          }
        }
        int total;
        synchronized (FakeRecognizer.this) {
          audio = audio.concat(chunk.getPcm16());
          total = audio.size();
        }
        messageBytes.add(chunk.getPcm16().size());
        if (first.getConfig().getInterimResults()) {
          responses.onNext(Recognition.newBuilder().setText("bytes:" + total).build());
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        halfClosed.countDown();
        String model = first == null ? "" : first.getConfig().getModel();
        if (model.equals("no-final") || model.equals("fail")) {
          return;
        }
        responses.onNext(Recognition.newBuilder().setText("total:" + audio().size()).setIsFinal(true).build());
        responses.onCompleted();
      }
    };
  }
}
