package dev.voiceengine.control.analysis;

import dev.voiceengine.control.store.CallRecord;
import java.util.Set;

/**
 * Who ended the call and why, in one word, from what the engine recorded (the outcome, whether it was answered, the
 * SIP status of a refusal). The outcome names are the engine's ({@code CallEnded.outcome}); this folds them into the
 * reasons a reader asks about:
 *
 * <pre>
 * caller_hangup, agent_hangup, api_hangup, transferred, voicemail  as recorded (voicemail_left is voicemail)
 * caller_abandoned   the caller gave up before the call was answered (canceled)
 * no_answer, busy    outbound, or a final response 408/480 (no_answer) or 486/600 (busy)
 * rejected           the engine refused the call (no trunk, no codec...)
 * invalid_number     outbound to a number that does not exist (404/484)
 * silence_timeout    no media came for too long
 * engine_shutdown    the engine stopped (or crashed and restarted) during the call
 * error              anything that failed
 * unknown            no outcome was recorded
 * </pre>
 */
final class EndedReasons {
  static final String CALLER_HANGUP = "caller_hangup";
  /** Reasons that mean the conversation never happened or was cut off by a failure. */
  static final Set<String> UNSUCCESSFUL = Set.of("caller_abandoned", "no_answer", "busy", "rejected",
      "invalid_number", "voicemail", "silence_timeout", "engine_shutdown", "error", "unknown");

  private EndedReasons() {}

  static String of(CallRecord call) {
    String outcome = call.outcome() == null ? "" : call.outcome();
    Integer sip = call.sipStatus();
    return switch (outcome) {
      case "caller_hangup", "agent_hangup", "api_hangup", "transferred", "no_answer", "busy", "invalid_number" ->
          outcome;
      case "voicemail", "voicemail_left" -> "voicemail";
      case "canceled" -> call.answeredAt() == null ? "caller_abandoned" : CALLER_HANGUP;
      case "rejected" -> fromSipStatus(sip, "rejected");
      case "no_media_timeout" -> "silence_timeout";
      case "engine_shutdown", "engine_restart" -> "engine_shutdown";
      case "failed", "error" -> fromSipStatus(sip, "error");
      case "" -> "unknown";
      default -> "error";
    };
  }

  private static String fromSipStatus(Integer sip, String otherwise) {
    if (sip == null) {
      return otherwise;
    }
    return switch (sip) {
      case 408, 480 -> "no_answer";
      case 486, 600 -> "busy";
      case 404, 484 -> "invalid_number";
      default -> otherwise;
    };
  }
}
