package dev.voiceengine.media.session;

import dev.voiceengine.proto.control.v1.ProviderUsage;

/**
 * What happens to a call's audio once it is answered: the caller's frames go in, the agent's frames come out, one
 * of each per 20 ms tick, on the call's event loop. A conversation implements it; so does a plain greeting.
 */
public interface CallAudio {
  /** Starts (at answer, on the loop). */
  default void start() {}

  /** One frame of the caller's 8 kHz audio (the array is reused after this returns). */
  void callerFrame(short[] frame);

  /** Fills the agent's next frame; returns whether it holds audio (false: silence). */
  boolean agentFrame(short[] out);

  /**
   * The caller pressed {@code digit} ('0'-'9', '*', '#', 'A'-'D'), reported once when the key is released (RFC 4733
   * telephone-event). Ignored unless the audio takes keys.
   */
  default void callerKey(char digit) {}

  /**
   * Says {@code text} now as the agent (an operator's "say" command), cutting off what the agent was saying. Returns
   * false when this audio cannot speak on request (a plain greeting) or is not taking turns yet.
   */
  default boolean say(String text) {
    return false;
  }

  /** The call is over: abandon whatever is in flight. Idempotent. */
  default void stop() {}

  /** What the call used of its providers, or null when it used none. */
  default ProviderUsage usage() {
    return null;
  }
}
