package dev.voiceengine.conversation.vad;

/**
 * One window of a call's audio on its way to the inference thread. Pooled: the pool's size bounds how far inference
 * may fall behind, and recycling keeps the audio path free of per-window garbage.
 */
final class VadWindow {
  /** Inference, result delivered. */
  static final byte DELIVER = 0;
  /** Inference only, to warm the recurrent state before an onset; no result. */
  static final byte PRIME = 1;
  /** Held back by the energy gate: probability 0 without inference, delivered in order with the rest. */
  static final byte GATED = 2;

  final short[] samples;
  QueuedCallVad call;
  long endSample;
  byte kind;
  /** Start this window from a fresh recurrent state (after a gap, a gated stretch or a dropped window). */
  boolean resetState;

  VadWindow(int length) {
    samples = new short[length];
  }

  void clear() {
    call = null;
  }
}
