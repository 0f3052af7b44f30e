package dev.voiceengine.sip.outbound;

/**
 * How a call we placed (or handed on) ended, in the call record's words.
 *
 * @param outcome   busy, no_answer, invalid_number, canceled, failed (before answer); caller_hangup (the far end
 *                  sent BYE), agent_hangup (we hung up), transferred, engine_shutdown (after answer)
 * @param sipStatus the final response's status when the INVITE failed, else 0
 * @param reason    its reason phrase, or what went wrong; empty when nothing did
 */
public record OutboundEnd(String outcome, int sipStatus, String reason) {
  public static final String CALLER_HANGUP = "caller_hangup";
  public static final String AGENT_HANGUP = "agent_hangup";
  public static final String TRANSFERRED = "transferred";
  public static final String SHUTDOWN = "engine_shutdown";
  public static final String NO_ANSWER = "no_answer";
  public static final String CANCELED = "canceled";
  public static final String FAILED = "failed";

  public OutboundEnd {
    reason = reason == null ? "" : reason;
  }

  /** An end with no SIP status behind it. */
  public static OutboundEnd of(String outcome) {
    return new OutboundEnd(outcome, 0, "");
  }
}
