package dev.voiceengine.conversation.provider;

import dev.voiceengine.proto.provider.v1.SynthesisRequest;

/** The agent's voice: text in, audio streamed out at the requested rate. */
public interface TextToSpeech {
  /**
   * Starts synthesising. Audio goes to {@code listener} on a provider thread, in order; exactly one of
   * {@link Listener#onCompleted()} or {@link Listener#onError} ends it (none after cancel).
   */
  Cancellable synthesize(SynthesisRequest request, Listener listener);

  interface Listener {
    /** PCM16 mono samples at the requested rate (owned by the listener). */
    void onAudio(short[] pcm);

    void onCompleted();

    void onError(ProviderException error);
  }
}
