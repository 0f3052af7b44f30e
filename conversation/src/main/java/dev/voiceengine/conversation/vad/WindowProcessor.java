package dev.voiceengine.conversation.vad;

/** What the inference thread does with a batch of windows; every method runs on that thread only. */
interface WindowProcessor extends AutoCloseable {
  /**
   * Writes a speech probability for each of {@code batch[0..count)} to {@code probabilities}. The batch holds at most
   * one window per call, so each call's windows are processed strictly one after the other.
   */
  void process(VadWindow[] batch, int count, float[] probabilities);

  /** The call is closed: free whatever this processor kept for it. */
  void release(QueuedCallVad call);

  @Override
  void close();
}
