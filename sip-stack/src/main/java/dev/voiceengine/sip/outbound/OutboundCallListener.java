package dev.voiceengine.sip.outbound;

import dev.voiceengine.sip.MediaDescription;

/**
 * What the SIP side tells about a call we placed. Called on SIP stack or timer threads, one call's callbacks never
 * overlapping; implementations must not block. {@link #onEnded} comes once per call and nothing follows it.
 */
public interface OutboundCallListener {

  /** The INVITE went out; {@code sipCallId} is its Call-ID. */
  default void onDialing(String ref, String sipCallId) {}

  /** A provisional response said the far end rings (180, 183; 100 too, with status 100). */
  void onRinging(String ref, int sipStatus);

  /** A 2xx came and our ACK went out (RFC 3261 §13.2.2.4): the call is up, media per {@code media}. */
  void onAnswered(String ref, MediaDescription media);

  /** The call is over, before or after answer. */
  void onEnded(String ref, OutboundEnd end);
}
