package dev.voiceengine.control.store;

/**
 * The final status of a call from how it ended: an answered call is completed; an unanswered one is busy, no-answer
 * or canceled when the far end or the API said so (486/600, 408/480 or a ring timeout, 487 or a CANCEL), failed
 * otherwise (invalid number, trunk failure, rejected).
 */
public final class OutboundOutcomes {
  private OutboundOutcomes() {}

  /** The status for an end with this outcome (may be null). */
  public static CallStatus statusAtEnd(String outcome, boolean answered) {
    if (answered) {
      return CallStatus.COMPLETED;
    }
    if (outcome == null) {
      return CallStatus.FAILED;
    }
    return switch (outcome) {
      case "busy" -> CallStatus.BUSY;
      case "no_answer" -> CallStatus.NO_ANSWER;
      case "canceled" -> CallStatus.CANCELED;
      default -> CallStatus.FAILED;
    };
  }
}
