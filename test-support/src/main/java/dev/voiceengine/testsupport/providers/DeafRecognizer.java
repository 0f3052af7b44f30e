package dev.voiceengine.testsupport.providers;

import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A speech-to-text service that takes every turn's audio and recognises nothing (it completes each stream with no
 * result, as a recogniser does for a turn without words). For tests about the media path under many calls: the
 * agent greets and listens, and no recogniser's work shares the engine's CPU or heap with the calls.
 */
public final class DeafRecognizer extends SpeechToTextGrpc.SpeechToTextImplBase {
  private final AtomicLong streams = new AtomicLong();

  @Override
  public StreamObserver<AudioChunk> recognize(StreamObserver<Recognition> responses) {
    streams.incrementAndGet();
    return new StreamObserver<>() {
      @Override
      public void onNext(AudioChunk chunk) {
        // heard, and forgotten
      }

      @Override
      public void onError(Throwable t) {
        // the engine cancelled the turn (barge-in, hang-up): nothing to answer
      }

      @Override
      public void onCompleted() {
        responses.onCompleted();
      }
    };
  }

  /** Recognition streams opened so far (one per caller turn). */
  public long streams() {
    return streams.get();
  }
}
