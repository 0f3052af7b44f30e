package dev.voiceengine.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.conversation.amd.AmdSettings;
import dev.voiceengine.conversation.amd.VoicemailSettings;
import dev.voiceengine.conversation.turn.TurnSettings;
import dev.voiceengine.proto.control.v1.AmdCompleted;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An agent that screens answered calls: silent until the verdict, then greets a person or acts on a machine. */
class ConversationVoicemailTest {
  static final String MESSAGE = "Hi, this is the clinic calling about your appointment.";

  static ConversationHarness screening(VoicemailSettings.Action action) {
    VoicemailSettings voicemail = new VoicemailSettings(true, action,
        action == VoicemailSettings.Action.LEAVE_MESSAGE ? MESSAGE : "", 10_000, AmdSettings.DEFAULTS);
    return new ConversationHarness().start(new AgentProfile("outbound", "Thanks for calling.", "", List.of(),
        TurnSettings.DEFAULTS, FailurePolicy.DEFAULTS, "", "", List.of(), voicemail));
  }

  static List<AmdCompleted> amd(ConversationHarness h) {
    return h.events.stream().filter(CallEvent::hasAmd).map(CallEvent::getAmd).toList();
  }

  static int firstAgentTick(ConversationHarness h) {
    return h.agentAudio.indexOf(true);
  }

  @Test
  void aPersonIsGreetedAtTheVerdictAndNotBefore() {
    ConversationHarness h = screening(VoicemailSettings.Action.HANG_UP).silence(300).talk(600).silence(2000);

    List<AmdCompleted> verdicts = amd(h);
    assertThat(verdicts).hasSize(1);
    AmdCompleted v = verdicts.get(0);
    assertThat(v.getResult()).isEqualTo("human");
    assertThat(v.getAction()).isEqualTo("greeted");
    assertThat(v.getDecisionMs()).isBetween(1_600L, 1_800L);
    assertThat((firstAgentTick(h) + 1) * 20L).as("greeting starts in the verdict's tick")
        .isEqualTo(v.getDecisionMs());
    assertThat(h.hangups).isEmpty();
  }

  @Test
  void withoutScreeningTheAgentGreetsAtOnceAndReportsNothing() {
    ConversationHarness h = new ConversationHarness().start().silence(200);

    assertThat(firstAgentTick(h)).isZero();
    assertThat(amd(h)).isEmpty();
  }

  @Test
  void onAMachineTheAgentWaitsForTheBeepThenLeavesItsMessageAndHangsUp() {
    ConversationHarness h = screening(VoicemailSettings.Action.LEAVE_MESSAGE).silence(400).talk(5000)
        .silence(300);
    assertThat(h.agentAudio).as("nothing said over the machine's greeting").doesNotContain(true);
    h.beep(500, 1000);
    int beepEndTick = h.tick();
    h.untilAgentDone(20_000);

    AmdCompleted v = amd(h).get(0);
    assertThat(v.getResult()).isEqualTo("machine");
    assertThat(v.getAction()).isEqualTo("left_message");
    assertThat(v.getBeepAtMs()).isBetween(5_700L, 5_740L);
    assertThat(firstAgentTick(h)).as("message right after the beep").isBetween(beepEndTick, beepEndTick + 3);
    assertThat(h.turns()).anyMatch(t -> t.getText().equals(MESSAGE));
    assertThat(h.hangups).containsExactly("voicemail_left");
  }

  @Test
  void onAMachineWithHangUpTheCallEndsAtTheVerdictSilently() {
    ConversationHarness h = screening(VoicemailSettings.Action.HANG_UP).silence(300).talk(5000);

    assertThat(amd(h)).singleElement().satisfies(v -> {
      assertThat(v.getResult()).isEqualTo("machine");
      assertThat(v.getAction()).isEqualTo("hung_up");
    });
    assertThat(h.hangups).containsExactly("voicemail");
    assertThat(h.agentAudio).doesNotContain(true);
  }

  @Test
  void aMachineThatNeverBeepsGetsTheMessageOnceItsGreetingEnds() {
    ConversationHarness h = screening(VoicemailSettings.Action.LEAVE_MESSAGE).silence(300).talk(5000)
        .silence(1400);
    assertThat(h.agentAudio).doesNotContain(true);
    h.untilAgentDone(20_000);

    assertThat(amd(h).get(0).getBeepAtMs()).isZero();
    assertThat(h.hangups).containsExactly("voicemail_left");
  }

  @Test
  void aCallThatEndsWhileWaitingForTheBeepIsReportedSo() {
    ConversationHarness h = screening(VoicemailSettings.Action.LEAVE_MESSAGE).silence(300).talk(6000);
    h.conversation.stop();

    assertThat(amd(h)).singleElement().satisfies(v -> assertThat(v.getAction()).isEqualTo("waited_for_beep"));
  }
}
