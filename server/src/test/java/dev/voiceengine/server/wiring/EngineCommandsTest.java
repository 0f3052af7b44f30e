package dev.voiceengine.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.control.commands.CallCommand;
import dev.voiceengine.control.commands.CommandException;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.server.config.AgentConfig;
import dev.voiceengine.server.config.VoicemailConfig;
import dev.voiceengine.server.config.TrunkConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Admission and steering of calls, against a fake of the signalling and media behind them. */
class EngineCommandsTest {
  private static final long SECOND = 1_000_000_000L;

  private final FakeCalls calls = new FakeCalls();
  private long now = 5 * SECOND;

  private static TrunkConfig trunk(String id, int maxConcurrent, int perSecond) {
    return new TrunkConfig(id, null, new TrunkConfig.Outbound("127.0.0.1", 5070, "udp", null, null,
        List.of("+15550000001", "+15550000002"), maxConcurrent, perSecond, 30));
  }

  private EngineCommands commands(TrunkConfig... trunks) {
    return new EngineCommands(List.of(trunks), List.of(AgentConfig.demo()), calls, () -> now);
  }

  private static OutboundDial dial(String id) {
    return new OutboundDial(id, "demo", "+15551234567", null, null, Map.of("name", "Ana"), null, Map.of());
  }

  @Test
  void anAgentDialsOnlyThroughTrunksOfItsOrganization() {
    AgentConfig d = AgentConfig.demo();
    AgentConfig acme = new AgentConfig("acme-bot", null, null, null, null, null, null, null, null, null, null, null,
        "acme");
    TrunkConfig shared = trunk("shared", 5, 5);
    TrunkConfig acmeTrunk = new TrunkConfig("acme-out", null, trunk("x", 5, 5).outbound(), "acme");
    EngineCommands c = new EngineCommands(List.of(shared, acmeTrunk), List.of(d, acme), calls, () -> now);
    assertThat(c.agents()).extracting(a -> a.orgId()).containsExactly("default", "acme");
    assertThat(c.dial(new OutboundDial("a", "acme-bot", "+15551234567", null, "shared", Map.of(), null, Map.of())))
        .isInstanceOfSatisfying(DialAdmission.Refused.class,
            r -> assertThat(r.toString()).contains("unknown trunk"));
    assertThat(c.dial(new OutboundDial("b", "demo", "+15551234567", null, "acme-out", Map.of(), null, Map.of())))
        .isInstanceOf(DialAdmission.Refused.class);
    assertThat(c.dial(new OutboundDial("c", "acme-bot", "+15551234567", null, null, Map.of(), null, Map.of())))
        .isInstanceOf(DialAdmission.Accepted.class);
    assertThat(c.dial(dial("d"))).isInstanceOf(DialAdmission.Accepted.class);
    assertThat(calls.placed).extracting(p -> p.trunk().id()).containsExactly("acme-out", "shared");
  }

  @Test
  void acceptedDialsArePlacedWithTheTrunksDefaultCallerId() {
    EngineCommands c = commands(TrunkConfig.loopback(), trunk("out", 5, 5));
    assertThat(c.dial(dial("a"))).isInstanceOf(DialAdmission.Accepted.class);
    assertThat(calls.placed).hasSize(1);
    assertThat(calls.placed.get(0).trunk.id()).isEqualTo("out");
    assertThat(calls.placed.get(0).from).isEqualTo("+15550000001");
  }

  @Test
  void concurrencyLimitDefersUntilACallIsOver() {
    EngineCommands c = commands(trunk("out", 2, 100));
    assertThat(c.dial(dial("a"))).isInstanceOf(DialAdmission.Accepted.class);
    assertThat(c.dial(dial("b"))).isInstanceOf(DialAdmission.Accepted.class);
    DialAdmission third = c.dial(dial("c"));
    assertThat(third).isInstanceOf(DialAdmission.Deferred.class);
    assertThat(((DialAdmission.Deferred) third).reason()).contains("2 concurrent");
    calls.placed.get(0).released.run();
    calls.placed.get(0).released.run(); // released once only
    assertThat(c.placing("out")).isEqualTo(1);
    assertThat(c.dial(dial("c"))).isInstanceOf(DialAdmission.Accepted.class);
    assertThat(c.dial(dial("d"))).isInstanceOf(DialAdmission.Deferred.class);
  }

  @Test
  void callsPerSecondDefersWithTheTimeUntilTheWindowMoves() {
    EngineCommands c = commands(trunk("out", 100, 2));
    c.dial(dial("a"));
    now += SECOND / 4;
    c.dial(dial("b"));
    DialAdmission d = c.dial(dial("c"));
    assertThat(d).isInstanceOf(DialAdmission.Deferred.class);
    assertThat(((DialAdmission.Deferred) d).retryAfter()).isEqualTo(Duration.ofMillis(750));
    now += 3 * SECOND / 4;
    assertThat(c.dial(dial("c"))).isInstanceOf(DialAdmission.Accepted.class);
    assertThat(calls.placed).hasSize(3);
  }

  @Test
  void whatCanNeverBePlacedIsRefused() {
    assertThat(commands(TrunkConfig.loopback()).dial(dial("a"))).isInstanceOf(DialAdmission.Refused.class);
    EngineCommands c = commands(TrunkConfig.loopback(), trunk("out", 1, 1));
    assertThat(c.dial(new OutboundDial("a", "demo", "+1555", null, "local", null, null, null)))
        .isEqualTo(new DialAdmission.Refused("trunk \"local\" has no outbound settings"));
    assertThat(c.dial(new OutboundDial("a", "demo", "+1555", null, "nope", null, null, null)))
        .isInstanceOf(DialAdmission.Refused.class);
    assertThat(c.dial(new OutboundDial("a", "nobody", "+15551234567", null, null, null, null, null)))
        .isInstanceOf(DialAdmission.Refused.class);
    assertThat(c.dial(new OutboundDial("a", "demo", "5551234567", null, null, null, null, null)))
        .isInstanceOf(DialAdmission.Refused.class);
    c.stop();
    assertThat(c.dial(dial("b"))).as("a stopping engine leaves the call queued for the next start")
        .isEqualTo(new DialAdmission.Deferred(java.time.Duration.ofSeconds(1), "the engine is stopping"));
    assertThat(calls.placed).isEmpty();
  }

  @Test
  void unknownCallsAreNotFound() {
    EngineCommands c = commands(trunk("out", 1, 1));
    assertThatThrownBy(() -> c.end("nope")).isInstanceOfSatisfying(CommandException.class,
        e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.NOT_FOUND));
    assertThatThrownBy(() -> c.control("nope", new CallCommand.Hangup()))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.NOT_FOUND));
  }

  @Test
  void liveCallsAreEndedAndTransferred() throws Exception {
    EngineCommands c = commands(trunk("out", 1, 1));
    calls.live.add("x");
    c.end("x");
    c.control("x", new CallCommand.Hangup());
    c.control("x", new CallCommand.Transfer("sip:desk@pbx.example"));
    assertThat(calls.ended).containsExactly("x", "x");
    assertThat(calls.transfers).containsExactly("sip:desk@pbx.example");
  }

  @Test
  void badTargetsAreInvalidAndEarlyTransfersWrongState() {
    EngineCommands c = commands(trunk("out", 1, 1));
    calls.live.add("x");
    assertThatThrownBy(() -> c.control("x", new CallCommand.Transfer("5551234")))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.INVALID));
    calls.transferFailure = new IllegalStateException("call x is not answered");
    assertThatThrownBy(() -> c.control("x", new CallCommand.Transfer("+15551234567")))
        .isInstanceOfSatisfying(CommandException.class, e -> {
          assertThat(e.reason()).isEqualTo(CommandException.Reason.WRONG_STATE);
          assertThat(e.getMessage()).contains("not answered");
        });
  }

  @Test
  void keysAndMutingReachTheCallOrSayWhyNot() throws Exception {
    EngineCommands c = commands(trunk("out", 1, 1));
    calls.live.add("x");
    c.control("x", new CallCommand.SendDtmf("12#"));
    c.control("x", new CallCommand.Mute());
    c.control("x", new CallCommand.Unmute());
    assertThat(calls.keys).containsExactly("12#");
    assertThat(calls.muted).containsExactly(true, false);
    assertThatThrownBy(() -> c.control("x", new CallCommand.SendDtmf("12x")))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.INVALID));
    calls.stateFailure = new IllegalStateException("the call is not answered");
    for (CallCommand cmd : List.of(new CallCommand.SendDtmf("1"), new CallCommand.Mute())) {
      assertThatThrownBy(() -> c.control("x", cmd)).isInstanceOfSatisfying(CommandException.class, e -> {
        assertThat(e.reason()).isEqualTo(CommandException.Reason.WRONG_STATE);
        assertThat(e.getMessage()).contains("not answered");
      });
    }
    assertThatThrownBy(() -> c.control("x", new CallCommand.Say("hi")))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.WRONG_STATE));
    calls.stateFailure = null;
    c.control("x", new CallCommand.Say(" Your table is ready. "));
    assertThat(calls.said).containsExactly("Your table is ready.");
    assertThatThrownBy(() -> c.control("x", new CallCommand.Say(" ")))
        .isInstanceOfSatisfying(CommandException.class,
            e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.INVALID));
  }

  @Test
  void agentsComeFromTheConfiguration() {
    assertThat(commands(trunk("out", 1, 1)).agents()).extracting(a -> a.id()).containsExactly("demo");
    assertThat(commands(trunk("out", 1, 1)).agent("demo")).isPresent();
    assertThat(commands(trunk("out", 1, 1)).agent("demo").orElseThrow().voicemailDetection()).isFalse();
    AgentConfig d = AgentConfig.demo();
    AgentConfig screening = new AgentConfig("screener", null, d.greeting(), d.firstMessage(), d.instructions(),
        d.voice(), d.language(), d.turn(), d.onProviderError(), d.script(),
        new VoicemailConfig(true, "hang_up", null, null, null), null);
    EngineCommands c = new EngineCommands(List.of(trunk("out", 1, 1)), List.of(screening), calls, () -> now);
    assertThat(c.agent("screener").orElseThrow().voicemailDetection()).isTrue();
  }

  private static final class FakeCalls implements LiveCalls {
    record Placed(OutboundDial dial, TrunkConfig trunk, String from, Runnable released) {}

    final List<Placed> placed = new ArrayList<>();
    final Set<String> live = new HashSet<>();
    final List<String> ended = new ArrayList<>();
    final List<String> transfers = new ArrayList<>();
    final List<String> keys = new ArrayList<>();
    final List<Boolean> muted = new ArrayList<>();
    final List<String> said = new ArrayList<>();
    RuntimeException transferFailure;
    RuntimeException stateFailure;

    @Override
    public void place(OutboundDial dial, TrunkConfig trunk, String fromNumber, Runnable released) {
      placed.add(new Placed(dial, trunk, fromNumber, released));
    }

    @Override
    public boolean live(String callId) {
      return live.contains(callId);
    }

    @Override
    public void end(String callId) {
      ended.add(callId);
    }

    @Override
    public void transfer(String callId, String target) {
      if (transferFailure != null) {
        throw transferFailure;
      }
      transfers.add(target);
    }

    @Override
    public void sendDtmf(String callId, String digits) {
      if (stateFailure != null) {
        throw stateFailure;
      }
      keys.add(digits);
    }

    @Override
    public void say(String callId, String text) {
      if (stateFailure != null) {
        throw stateFailure;
      }
      said.add(text);
    }

    @Override
    public void muteAgent(String callId, boolean mute) {
      if (stateFailure != null) {
        throw stateFailure;
      }
      muted.add(mute);
    }
  }
}
