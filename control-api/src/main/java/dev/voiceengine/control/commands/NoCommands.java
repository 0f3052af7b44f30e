package dev.voiceengine.control.commands;

import java.time.Duration;
import java.util.List;

/**
 * The engine when none is attached (the control plane alone, tests, an engine starting): no agents, and every dial
 * deferred, so calls queued by an earlier run stay queued until an engine attaches instead of failing.
 */
public final class NoCommands implements CallCommands {
  /** How soon the dialer looks again for an engine. */
  static final Duration RETRY = Duration.ofSeconds(1);

  @Override
  public DialAdmission dial(OutboundDial dial) {
    return new DialAdmission.Deferred(RETRY, "no engine is attached to place calls yet");
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
