package dev.voiceengine.server.wiring;

import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.server.config.TrunkConfig;

/**
 * What {@link EngineCommands} does to calls, apart from deciding whether it may: placing them through signalling and
 * media, and finding, ending and transferring live ones. A seam so that admission can be tested without a network.
 */
interface LiveCalls {
  /**
   * Places the call in the background (never blocks the caller); {@code released} runs once when it is over, placed
   * or not.
   */
  void place(OutboundDial dial, TrunkConfig trunk, String fromNumber, Runnable released);

  /** Whether a call with this id is live (ringing or up). */
  boolean live(String callId);

  /** Ends it from our side with outcome api_hangup. */
  void end(String callId);

  /**
   * Starts a blind transfer.
   *
   * @throws IllegalStateException    when the call is not answered, or a transfer of it is under way
   * @throws IllegalArgumentException when the target is neither an E.164 number nor a SIP URI
   */
  void transfer(String callId, String target);

  /**
   * Sends RFC 4733 key presses to the far end (validated digits) without waiting for them to be sent.
   *
   * @throws IllegalStateException when the call is not answered, is ending, or its far end takes no telephone-events
   */
  void sendDtmf(String callId, String digits);

  /**
   * Replaces the agent's audio by silence (or stops doing so); the conversation goes on.
   *
   * @throws IllegalStateException when the call is not answered or is ending
   */
  void muteAgent(String callId, boolean muted);

  /**
   * Has the agent say {@code text} now, without waiting for it to be said.
   *
   * @throws IllegalStateException when the call is not answered, is ending, or its agent cannot speak on request
   */
  void say(String callId, String text);
}
