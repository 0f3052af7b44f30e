package dev.voiceengine.server.wiring;

import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.commands.CallCommand;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.CommandException;
import dev.voiceengine.control.commands.CommandException.Reason;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.media.dtmf.TelephoneEventSender;
import dev.voiceengine.server.config.AgentConfig;
import dev.voiceengine.server.config.TrunkConfig;
import dev.voiceengine.sip.outbound.TransferTarget;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The engine's side of the control plane's commands: admits dials against each trunk's limits (concurrent calls,
 * calls per second → Deferred with when to retry), refuses what can never be placed, and steers live calls. Returns
 * at once: placing happens in the background and reports through call events.
 */
public final class EngineCommands implements CallCommands {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

  private final List<TrunkConfig> outboundTrunks;
  private final Map<String, TrunkConfig> trunksById = new LinkedHashMap<>();
  private final Map<String, TrunkLimiter> limits = new LinkedHashMap<>();
  private final List<AgentSummary> agents;
  private final LiveCalls calls;
  private final LongSupplier nanoTime;
  private volatile boolean stopping;

  /** @param nanoTime a monotonic clock (System::nanoTime) */
  public EngineCommands(List<TrunkConfig> trunks, List<AgentConfig> agents, LiveCalls calls, LongSupplier nanoTime) {
    this.outboundTrunks = trunks.stream().filter(t -> t.outbound() != null).toList();
    for (TrunkConfig t : trunks) {
      trunksById.put(t.id(), t);
      if (t.outbound() != null) {
        limits.put(t.id(), new TrunkLimiter(t.outbound().maxConcurrent(), t.outbound().callsPerSecond()));
      }
    }
    this.agents = agents.stream().map(a -> new AgentSummary(a.id(), a.name() == null ? a.id() : a.name(), true,
        a.firstMessage(), a.voicemail() != null && Boolean.TRUE.equals(a.voicemail().detect()), a.organization()))
        .toList();
    this.calls = calls;
    this.nanoTime = nanoTime;
  }

  /** From now on every dial is deferred (it stays queued for the next start): the engine is shutting down. */
  public void stop() {
    stopping = true;
  }

  @Override
  public DialAdmission dial(OutboundDial dial) {
    if (stopping) { // the call stays queued for the next start, as the dialer leaves the rest of the queue
      return new DialAdmission.Deferred(Duration.ofSeconds(1), "the engine is stopping");
    }
    if (dial.toNumber() == null || !E164.matcher(dial.toNumber()).matches()) {
      return new DialAdmission.Refused("to_number must be an E.164 number, got \"" + dial.toNumber() + "\"");
    }
    if (agent(dial.agentId()).isEmpty()) {
      return new DialAdmission.Refused("unknown agent \"" + dial.agentId() + "\"");
    }
    String org = agent(dial.agentId()).get().orgId();
    TrunkConfig trunk;
    if (dial.trunkId() != null) {
      trunk = trunksById.get(dial.trunkId());
      if (trunk == null || !trunk.organization().equals(org)) { // another organization's trunk is unknown
        return new DialAdmission.Refused("unknown trunk \"" + dial.trunkId() + "\"");
      }
      if (trunk.outbound() == null) {
        return new DialAdmission.Refused("trunk \"" + dial.trunkId() + "\" has no outbound settings");
      }
    } else {
      // the first outbound trunk of the agent's organization
      trunk = outboundTrunks.stream().filter(t -> t.organization().equals(org)).findFirst().orElse(null);
      if (trunk == null) {
        return new DialAdmission.Refused("no trunk has outbound settings");
      }
    }
    TrunkLimiter limiter = limits.get(trunk.id());
    TrunkLimiter.Refusal refusal = limiter.acquire(nanoTime.getAsLong());
    if (refusal != null) {
      return new DialAdmission.Deferred(refusal.retryAfter(), refusal.reason());
    }
    String from = dial.fromNumber() != null ? dial.fromNumber() : trunk.outbound().defaultCallerId();
    AtomicBoolean released = new AtomicBoolean();
    calls.place(dial, trunk, from, () -> {
      if (released.compareAndSet(false, true)) {
        limiter.release();
      }
    });
    return new DialAdmission.Accepted();
  }

  @Override
  public void end(String callId) throws CommandException {
    requireLive(callId);
    calls.end(callId);
  }

  @Override
  public void control(String callId, CallCommand command) throws CommandException {
    requireLive(callId);
    if (command instanceof CallCommand.Hangup) {
      calls.end(callId);
    } else if (command instanceof CallCommand.Transfer t) {
      transfer(callId, t.target());
    } else if (command instanceof CallCommand.SendDtmf d) {
      sendDtmf(callId, d.digits());
    } else if (command instanceof CallCommand.Mute || command instanceof CallCommand.Unmute) {
      try {
        calls.muteAgent(callId, command instanceof CallCommand.Mute);
      } catch (IllegalStateException e) {
        throw new CommandException(Reason.WRONG_STATE, "cannot mute or unmute now: " + e.getMessage());
      }
    } else if (command instanceof CallCommand.Say say) {
      if (say.text() == null || say.text().isBlank()) {
        throw new CommandException(Reason.INVALID, "text: say needs the words to say");
      }
      try {
        calls.say(callId, say.text().strip());
      } catch (IllegalStateException e) {
        throw new CommandException(Reason.WRONG_STATE, "cannot say now: " + e.getMessage());
      }
    }
  }

  @Override
  public List<AgentSummary> agents() {
    return agents;
  }

  /** Calls placed and not yet over on a trunk (tests, metrics). */
  int placing(String trunkId) {
    TrunkLimiter l = limits.get(trunkId);
    return l == null ? 0 : l.active();
  }

  private void transfer(String callId, String target) throws CommandException {
    if (!TransferTarget.valid(target)) {
      throw new CommandException(Reason.INVALID, "to: expected an E.164 number like +15551234567 or a sip: URI, got \""
          + target + "\"");
    }
    try {
      calls.transfer(callId, target);
    } catch (IllegalStateException e) {
      throw new CommandException(Reason.WRONG_STATE, "cannot transfer now: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new CommandException(Reason.INVALID, e.getMessage());
    }
  }

  private void sendDtmf(String callId, String digits) throws CommandException {
    try {
      TelephoneEventSender.validate(digits);
    } catch (IllegalArgumentException e) {
      throw new CommandException(Reason.INVALID, e.getMessage());
    }
    try {
      calls.sendDtmf(callId, digits);
    } catch (IllegalStateException e) {
      throw new CommandException(Reason.WRONG_STATE, "cannot send keys now: " + e.getMessage());
    }
  }

  private void requireLive(String callId) throws CommandException {
    if (!calls.live(callId)) {
      throw new CommandException(Reason.NOT_FOUND, "no live call " + callId);
    }
  }
}
