package dev.voiceengine.control.commands;

import java.util.List;

/** The engine when none is attached (the control plane alone, tests): no agents, every dial refused. */
public final class NoCommands implements CallCommands {
  @Override
  public DialAdmission dial(OutboundDial dial) {
    return new DialAdmission.Refused("no engine is attached to place calls");
  }

  @Override
  public void end(String callId) throws CommandException {
    throw new CommandException(CommandException.Reason.NOT_FOUND, "no live call " + callId);
  }

  @Override
  public void control(String callId, CallCommand command) throws CommandException {
    throw new CommandException(CommandException.Reason.NOT_FOUND, "no live call " + callId);
  }

  @Override
  public List<AgentSummary> agents() {
    return List.of();
  }
}
