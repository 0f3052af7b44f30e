package dev.voiceengine.control.commands;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine's commands once it has attached them. The control plane starts before the engine's SIP stack, so the
 * dialer and the APIs hold this and see the engine as soon as it is attached; until then dials are deferred (calls
 * queued before a restart wait for the engine instead of failing), no call is live and no agent is known.
 */
public final class AttachedCommands implements CallCommands {
  private static final CallCommands NONE = new NoCommands();
  private final AtomicReference<CallCommands> engine = new AtomicReference<>();

  /** Attaches the engine (replacing one attached before). */
  public void attach(CallCommands commands) {
    engine.set(commands);
  }

  /** The attached engine, or null. */
  public CallCommands attached() {
    return engine.get();
  }

  private CallCommands current() {
    CallCommands c = engine.get();
    return c == null ? NONE : c;
  }

  /** How soon the dialer asks again while no engine is attached. */
  static final Duration NOT_YET = Duration.ofSeconds(1);

  @Override
  public DialAdmission dial(OutboundDial dial) {
    CallCommands c = engine.get();
    return c == null ? new DialAdmission.Deferred(NOT_YET, "the engine is starting") : c.dial(dial);
  }

  @Override
  public void end(String callId) throws CommandException {
    current().end(callId);
  }

  @Override
  public void control(String callId, CallCommand command) throws CommandException {
    current().control(callId, command);
  }

  @Override
  public List<AgentSummary> agents() {
    return current().agents();
  }

  @Override
  public Optional<AgentSummary> agent(String agentId) {
    return current().agent(agentId);
  }
}
