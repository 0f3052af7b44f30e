package dev.voiceengine.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.turn.TurnSettings;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.ProviderUsage;
import dev.voiceengine.proto.control.v1.TurnCompleted;
import dev.voiceengine.proto.provider.v1.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversationTest {

  @Test
  void greetsThenAnswersTheCallersTurnWithTimedTurnsAndMetrics() {
    ConversationHarness h = new ConversationHarness().start().untilAgentDone(5000);
    assertThat(h.turns()).hasSize(1);
    TurnCompleted greeting = h.turns().get(0);
    assertThat(greeting.getRole()).isEqualTo(TurnCompleted.Role.AGENT);
    assertThat(greeting.getText()).isEqualTo("Thanks for calling.");
    assertThat(greeting.getStartMs()).isZero();
    assertThat(h.agentAudio.get(0)).as("the cached greeting plays from the first frame").isTrue();

    h.speak(1200).silence(700).untilAgentDone(10_000);

    List<TurnCompleted> turns = h.turns();
    assertThat(turns).extracting(TurnCompleted::getRole)
        .containsExactly(TurnCompleted.Role.AGENT, TurnCompleted.Role.CALLER, TurnCompleted.Role.AGENT);
    assertThat(turns).extracting(TurnCompleted::getIndex).containsExactly(0, 1, 2);
    TurnCompleted caller = turns.get(1);
    assertThat(caller.getText()).isEqualTo("book an appointment for friday");
    assertThat(caller.getStartMs()).isGreaterThanOrEqualTo(greeting.getEndMs());
    assertThat(caller.getEndMs()).isGreaterThan(caller.getStartMs() + 1000);
    assertThat(caller.getMetrics().getEndpointMs()).isBetween(600L, 640L);
    assertThat(caller.getMetrics().getVoiceToVoiceMs())
        .as("endpoint + a frame or two + the input delay, with providers that answer at once")
        .isBetween(600L + 60, 600L + 60 + 100);
    TurnCompleted reply = turns.get(2);
    assertThat(reply.getText()).isEqualTo("Sure. I have booked you in for Friday. Anything else?");
    assertThat(reply.getInterrupted()).isFalse();
    assertThat(reply.getStartMs()).isGreaterThan(caller.getEndMs());
    assertThat(reply.getEndMs()).isGreaterThan(reply.getStartMs());
    assertThat(h.providers.synthesized).contains("Sure.", "I have booked you in for Friday.", "Anything else?");
    Message last = h.providers.llmRequests.get(0).getMessages(1);
    assertThat(last.getRole()).isEqualTo(Message.Role.USER);
    assertThat(h.providers.llmRequests.get(0).getMessages(0).getText()).isEqualTo("Thanks for calling.");
    assertThat(h.providers.llmRequests.get(0).getContextMap()).containsEntry("call_id", "call-1");
    assertThat(h.hangups).isEmpty();

    ProviderUsage usage = h.conversation.usage();
    assertThat(usage.getStt().getAudioSeconds()).isBetween(1.2, 2.2);
    assertThat(usage.getLlm().getOutputTokens()).isEqualTo(7);
    assertThat(usage.getLlm().getModel()).isEqualTo("fake-llm");
    assertThat(usage.getTts().getCharacters()).isGreaterThan(20);
  }

  @Test
  void callerSpeechOverTheAgentStopsItsAudioWithinAFrameAndKeepsWhatWasHeard() {
    ConversationHarness h = new ConversationHarness();
    h.providers.samplesPerChar = 400; // long reply: 50 ms per character
    h.start().untilAgentDone(5000).speak(1000).silence(700);
    // the reply is playing now
    h.silence(600);
    assertThat(h.agentAudio.get(h.tick() - 1)).isTrue();
    int before = h.turns().size();
    int start = h.tick();
    h.speak(500);
    int stoppedAt = firstSilentTick(h, start);
    assertThat(stoppedAt).as("agent audio stopped").isPositive();
    // 300 ms of speech + one 32 ms window + one frame
    assertThat((stoppedAt - start) * 20).isBetween(300, 300 + 32 + 40);
    assertThat(h.agentAudio.subList(stoppedAt, h.tick())).containsOnly(false);
    TurnCompleted interrupted = h.turns().get(before);
    assertThat(interrupted.getRole()).isEqualTo(TurnCompleted.Role.AGENT);
    assertThat(interrupted.getInterrupted()).isTrue();
    assertThat(interrupted.getIntendedText()).startsWith(interrupted.getText());
    assertThat(interrupted.getText().length()).isLessThan(interrupted.getIntendedText().length());
  }

  @Test
  void anOperatorsWordsCutTheAgentOffAndAreSaidAsItsTurn() {
    ConversationHarness h = new ConversationHarness();
    h.providers.samplesPerChar = 400;
    h.start().untilAgentDone(5000).speak(1000).silence(700).silence(600);
    assertThat(h.agentAudio.get(h.tick() - 1)).as("the reply is playing").isTrue();
    int before = h.turns().size();
    assertThat(h.conversation.say("Please hold, a colleague will join.")).isTrue();
    h.untilAgentDone(60_000);
    List<TurnCompleted> after = h.turns().subList(before, h.turns().size());
    assertThat(after).extracting(TurnCompleted::getInterrupted).containsExactly(true, false);
    assertThat(after.get(1).getText()).isEqualTo("Please hold, a colleague will join.");
    h.conversation.stop();
    assertThat(h.conversation.say("too late")).as("a stopped conversation says nothing").isFalse();
  }

  @Test
  void aShortBurstOverTheAgentDoesNotInterrupt() {
    ConversationHarness h = new ConversationHarness();
    h.providers.samplesPerChar = 400;
    h.start().untilAgentDone(5000).speak(1000).silence(700).silence(600);
    int start = h.tick();
    h.speak(140).silence(400);
    assertThat(h.agentAudio.subList(start, h.tick())).containsOnly(true);
    assertThat(h.turns()).noneMatch(TurnCompleted::getInterrupted);
    assertThat(h.providers.sttStreams).as("the caller's turn, then the burst").isEqualTo(2);
    assertThat(h.providers.sttCancels).as("the burst's recognition is dropped").isEqualTo(1);
  }

  @Test
  void aNonInterruptibleAgentPlaysOn() {
    ConversationHarness h = new ConversationHarness();
    h.providers.samplesPerChar = 400;
    h.start(TurnSettings.DEFAULTS.with(null, null, null, false), FailurePolicy.DEFAULTS)
        .untilAgentDone(5000).speak(1000).silence(700).silence(600);
    int start = h.tick();
    h.speak(600);
    assertThat(h.agentAudio.subList(start, h.tick())).containsOnly(true);
  }

  @Test
  void aRecognitionFailureIsRecordedAndTheAgentApologises() {
    ConversationHarness h = new ConversationHarness();
    h.providers.sttError = FakeProviders.down(Capability.STT);
    h.start().untilAgentDone(5000).speak(1000).silence(700).untilAgentDone(10_000);
    CallEvent failed = h.events.stream().filter(CallEvent::hasProviderFailed).findFirst().orElseThrow();
    assertThat(failed.getProviderFailed().getCapability()).isEqualTo("stt");
    assertThat(failed.getProviderFailed().getProvider()).isEqualTo("fake:stt");
    assertThat(failed.getProviderFailed().getCode()).isEqualTo("UNAVAILABLE");
    assertThat(failed.getProviderFailed().getAction()).isEqualTo("apologized");
    assertThat(h.turns().get(h.turns().size() - 1).getText()).isEqualTo(FailurePolicy.DEFAULTS.apology());
    assertThat(h.hangups).isEmpty();
  }

  @Test
  void repeatedFailuresEndTheCallPolitely() {
    ConversationHarness h = new ConversationHarness();
    h.providers.llmError = FakeProviders.down(Capability.LLM);
    h.start(TurnSettings.DEFAULTS, new FailurePolicy(false, "Sorry?", "Goodbye for now.", 2))
        .untilAgentDone(5000);
    h.speak(1000).silence(700).untilAgentDone(10_000);
    assertThat(h.hangups).isEmpty();
    h.speak(1000).silence(700).untilAgentDone(10_000);
    assertThat(h.hangups).containsExactly("agent_hangup");
    assertThat(h.turns().get(h.turns().size() - 1).getText()).isEqualTo("Goodbye for now.");
    assertThat(h.events.stream().filter(CallEvent::hasProviderFailed).map(e -> e.getProviderFailed().getAction()))
        .containsExactly("apologized", "hung_up");
    // the caller turns are on the record even though no reply came
    assertThat(h.turns()).filteredOn(t -> t.getRole() == TurnCompleted.Role.CALLER).hasSize(2);
  }

  @Test
  void endCallToolHangsUpAfterTheReplyWasPlayed() {
    ConversationHarness h = new ConversationHarness();
    h.providers.endCall = true;
    h.providers.reply = List.of("Goodbye!");
    h.providers.samplesPerChar = 1000; // one second of audio
    h.start().untilAgentDone(5000).speak(1000).silence(700);
    assertThat(h.hangups).isEmpty();
    h.untilAgentDone(5000);
    assertThat(h.hangups).containsExactly("agent_hangup");
    assertThat(h.turns().get(h.turns().size() - 1).getText()).isEqualTo("Goodbye!");
  }

  @Test
  void stopCancelsWhatIsInFlight() {
    ConversationHarness h = new ConversationHarness();
    h.start().untilAgentDone(5000).speak(500);
    h.conversation.stop();
    assertThat(h.providers.sttCancels).isEqualTo(1);
    h.silence(1000);
    assertThat(h.agentAudio.subList(h.tick() - 50, h.tick())).containsOnly(false);
  }

  @Test
  void speechWhileTheLastResultIsAwaitedIsOneTurnWithBothParts() {
    ConversationHarness h = new ConversationHarness();
    h.providers.sttManual = true;
    h.start().untilAgentDone(5000).speak(1000).silence(700); // turn over, its result not in yet
    h.speak(800); // the caller goes on
    h.providers.completeStt(0, "book an appointment");
    h.drain();
    h.silence(700);
    h.providers.completeStt(1, "for friday");
    h.drain();
    h.untilAgentDone(10_000);
    List<TurnCompleted> callers = h.turns().stream().filter(t -> t.getRole() == TurnCompleted.Role.CALLER).toList();
    assertThat(callers).extracting(TurnCompleted::getText).containsExactly("book an appointment for friday");
    assertThat(h.providers.llmRequests).hasSize(1);
    assertThat(callers.get(0).getStartMs()).as("from the first part's onset").isLessThan(4000);
  }

  @Test
  void aRecogniserThatEndsTheStreamItselfEndsTheTurnAndTheNextTurnIsHeard() {
    ConversationHarness h = new ConversationHarness();
    h.providers.sttEarly = "what are your opening hours";
    h.start().untilAgentDone(5000).speak(1500).silence(700).untilAgentDone(10_000);
    h.speak(1500).silence(700).untilAgentDone(10_000);
    assertThat(h.turns().stream().filter(t -> t.getRole() == TurnCompleted.Role.CALLER)).hasSize(2);
    assertThat(h.providers.llmRequests).hasSize(2);
  }

  @Test
  void aCallEndingMidReplyKeepsBothTurnsOnTheRecord() {
    ConversationHarness h = new ConversationHarness();
    h.providers.samplesPerChar = 400;
    h.start().untilAgentDone(5000).speak(1000).silence(700).silence(1000);
    h.conversation.stop();
    List<TurnCompleted> turns = h.turns();
    assertThat(turns).extracting(TurnCompleted::getRole)
        .containsExactly(TurnCompleted.Role.AGENT, TurnCompleted.Role.CALLER, TurnCompleted.Role.AGENT);
    assertThat(turns.get(2).getInterrupted()).isTrue();
    assertThat(turns.get(2).getText()).isNotEmpty();
  }

  private static int firstSilentTick(ConversationHarness h, int from) {
    for (int i = from; i < h.tick(); i++) {
      if (!h.agentAudio.get(i)) {
        return i;
      }
    }
    return -1;
  }
}
