package dev.voiceengine.conversation.vad;

/** One call's voice activity detector. Fed and closed on the call's event loop; never blocks it. */
public interface CallVad {
  /** Feeds 8 kHz PCM16 mono samples (copied or consumed before this returns), e.g. one 20 ms frame. */
  void accept(short[] pcm, int offset, int length);

  /** Stops: results still in flight are dropped, per-call model state is released. Idempotent. */
  void close();

  /** Results, on the call's loop, in the order of the audio. */
  interface Listener {
    /**
     * The window of {@code samples} samples ending at {@code endSample} (counted from the first sample fed, so the
     * window covers {@code [endSample - samples, endSample)}) holds speech with {@code probability} (0..1).
     */
    void onSpeechProbability(long endSample, int samples, float probability);
  }
}
