package dev.voiceengine.control.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Before the engine attaches, dials wait (not fail) and nothing is live; after, everything reaches the engine. */
class AttachedCommandsTest {
  private static final OutboundDial DIAL = new OutboundDial("c1", "demo", "+15550001234", null, null, Map.of(),
      null, Map.of());

  @Test
  void dialsAreDeferredUntilTheEngineAttachesThenReachIt() throws Exception {
    AttachedCommands commands = new AttachedCommands();
    assertThat(commands.attached()).isNull();
    assertThat(commands.dial(DIAL)).isInstanceOfSatisfying(DialAdmission.Deferred.class,
        d -> assertThat(d.retryAfter()).isEqualTo(AttachedCommands.NOT_YET));
    assertThat(commands.agents()).isEmpty();
    assertThatThrownBy(() -> commands.end("c1")).isInstanceOfSatisfying(CommandException.class,
        e -> assertThat(e.reason()).isEqualTo(CommandException.Reason.NOT_FOUND));

    CallCommands engine = new CallCommands() {
      @Override
      public DialAdmission dial(OutboundDial dial) {
        return new DialAdmission.Accepted();
      }

      @Override
      public void end(String callId) {}

      @Override
      public void control(String callId, CallCommand command) {}

      @Override
      public List<AgentSummary> agents() {
        return List.of(new AgentSummary("demo", "Demo", true, null, false));
      }
    };
    commands.attach(engine);
    assertThat(commands.attached()).isSameAs(engine);
    assertThat(commands.dial(DIAL)).isInstanceOf(DialAdmission.Accepted.class);
    assertThat(commands.agent("demo")).isPresent();
  }
}
