package dev.voiceengine.control.commands;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The engine for control-plane tests: agents {@code demo} (active) and {@code old} (inactive); dials are recorded
 * with their time and answered by a replaceable policy (accept by default); end and control are recorded, and fail
 * as the test says.
 */
public final class FakeCommands implements CallCommands {
  /** One dial as the engine saw it. */
  public record Dial(OutboundDial dial, Instant at) {}

  public final List<Dial> dials = new CopyOnWriteArrayList<>();
  public final List<String> ended = new CopyOnWriteArrayList<>();
  public final List<CallCommand> commands = new CopyOnWriteArrayList<>();
  public volatile Function<OutboundDial, DialAdmission> policy = d -> new DialAdmission.Accepted();
  public volatile CommandException failure;

  @Override
  public DialAdmission dial(OutboundDial dial) {
    dials.add(new Dial(dial, Instant.now()));
    return policy.apply(dial);
  }

  @Override
  public void end(String callId) throws CommandException {
    if (failure != null) {
      throw failure;
    }
    ended.add(callId);
  }

  @Override
  public void control(String callId, CallCommand command) throws CommandException {
    if (failure != null) {
      throw failure;
    }
    commands.add(command);
  }

  @Override
  public List<AgentSummary> agents() {
    return List.of(new AgentSummary("demo", "Demo", true, "Hello!", false),
        new AgentSummary("old", "Retired", false, null, true));
  }

  /** The ids dialled, in order, repeated when a call was dialled more than once. */
  public List<String> dialledIds() {
    List<String> ids = new ArrayList<>();
    dials.forEach(d -> ids.add(d.dial().callId()));
    return ids;
  }
}
