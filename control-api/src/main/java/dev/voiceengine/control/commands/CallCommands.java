package dev.voiceengine.control.commands;

import java.util.List;
import java.util.Optional;

/**
 * The engine as the control plane sees it. Implemented by the server, which joins signalling and media; control-api
 * depends only on this. Every method returns quickly (no waiting for the far end): progress is reported through call
 * events (ringing, answered, ended, transfer progress).
 */
public interface CallCommands {

  /**
   * Starts dialling an outbound call whose record already exists (status queued). Accepted means the INVITE is on its
   * way and the call's events will follow; deferred means a trunk limit (concurrent calls or calls per second) is
   * reached and the caller should try again later; refused means it can never be placed as asked.
   */
  DialAdmission dial(OutboundDial dial);

  /**
   * Ends a live call from our side (outcome api_hangup): BYE when answered, CANCEL while it rings.
   *
   * @throws CommandException NOT_FOUND when the engine has no such live call
   */
  void end(String callId) throws CommandException;

  /**
   * Steers a live call.
   *
   * @throws CommandException NOT_FOUND when there is no such live call, WRONG_STATE when the command does not apply
   *     now (e.g. transfer before answer), INVALID when its argument cannot be used
   */
  void control(String callId, CallCommand command) throws CommandException;

  /** The agents calls can be placed with, in configuration order. */
  List<AgentSummary> agents();

  /** One agent by id. */
  default Optional<AgentSummary> agent(String agentId) {
    return agents().stream().filter(a -> a.id().equals(agentId)).findFirst();
  }
}
