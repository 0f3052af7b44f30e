package dev.voiceengine.sip.outbound;

/**
 * A final non-2xx response to our INVITE as a call outcome: 486/600 busy, 408/480 no_answer, 404/484/604
 * invalid_number, 487 canceled, everything else (403, 5xx, …) failed. The status and reason phrase are kept beside the
 * outcome, so a record says both what happened and what the trunk said.
 */
public final class FinalResponses {
  private FinalResponses() {}

  /** The outcome for a final status of 300 and above. */
  public static String outcome(int status) {
    return switch (status) {
      case 486, 600 -> "busy";
      case 408, 480 -> OutboundEnd.NO_ANSWER;
      case 404, 484, 604 -> "invalid_number";
      case 487 -> OutboundEnd.CANCELED;
      default -> OutboundEnd.FAILED;
    };
  }

  /** The end of a call whose INVITE got this final response. */
  public static OutboundEnd end(int status, String reason) {
    return new OutboundEnd(outcome(status), status, reason);
  }
}
