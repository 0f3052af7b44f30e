package dev.voiceengine.conversation;

import dev.voiceengine.proto.control.v1.TurnMetrics;

/**
 * Gathers the keys the caller presses into one caller turn for the agent, the way callers key in a number: the turn
 * is over at '#', after {@value #PAUSE_MS} ms without a key, or at {@value #MAX_KEYS} keys. The language model is
 * given it as the caller's words {@code [pressed 1234#]}; the call's transcript shows each key on its own (the
 * DtmfReceived events), so the turn is kept in the model's history only. Positions are caller samples since answer.
 * The call's loop only.
 */
final class CallerKeys {
  static final int PAUSE_MS = 2000;
  static final int MAX_KEYS = 32;
  private static final int SAMPLES_PER_MS = 8;

  private final StringBuilder keys = new StringBuilder();
  private long firstSample;
  private long lastSample;
  private boolean complete;

  /** The caller released {@code digit} at caller sample {@code position}. */
  void press(char digit, long position) {
    if (keys.isEmpty()) {
      firstSample = position;
    }
    keys.append(digit);
    lastSample = position;
    complete |= digit == '#' || keys.length() >= MAX_KEYS;
  }

  /** The keys as a finished caller turn once one is over at caller sample {@code position}, else null. */
  Exchange due(long position) {
    if (keys.isEmpty() || !complete && position - lastSample < (long) PAUSE_MS * SAMPLES_PER_MS) {
      return null;
    }
    String text = "[pressed " + keys + "]";
    keys.setLength(0);
    complete = false;
    return new Exchange(text, firstSample / SAMPLES_PER_MS, lastSample / SAMPLES_PER_MS, lastSample,
        TurnMetrics.newBuilder(), true);
  }
}
