package dev.voiceengine.conversation.provider;

import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;

/** Speech to text: one stream per caller turn. */
public interface SpeechToText {
  /**
   * Opens a recognition stream for audio at {@code sampleRate}. Results, the end and errors go to {@code listener}
   * on a provider thread; exactly one of {@link Listener#onCompleted()} or {@link Listener#onError} ends it (none
   * after {@link Stream#cancel()}).
   */
  Stream open(RecognitionConfig config, int sampleRate, Listener listener);

  /** The caller's side of one recognition stream. Not thread-safe: use it from one thread (the call's loop). */
  interface Stream extends Cancellable {
    /** Sends PCM16 samples (copied before this returns). Never blocks; audio is buffered while the provider lags. */
    void send(short[] pcm, int offset, int length);

    /** No more audio: the provider sends its final results and completes. */
    void finish();
  }

  interface Listener {
    void onRecognition(Recognition recognition);

    void onCompleted();

    void onError(ProviderException error);
  }
}
