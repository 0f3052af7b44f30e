package dev.voiceengine.conversation;

import dev.voiceengine.conversation.turn.TurnSettings;
import dev.voiceengine.media.CallContext;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.TurnCompleted;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Drives one conversation tick by tick without a network or a clock: caller frames in (a tone for speech, zeros
 * for silence), agent frames out, loop tasks run between steps, events and hang-ups collected.
 */
final class ConversationHarness implements CallContext {
  static final int FRAME = 160;

  final FakeProviders providers = new FakeProviders();
  final List<CallEvent> events = new ArrayList<>();
  final List<String> hangups = new ArrayList<>();
  /** Per tick: whether the agent frame held audio. */
  final List<Boolean> agentAudio = new ArrayList<>();
  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private final Executor loop = tasks::add;
  private long nanos;
  Conversation conversation;

  ConversationHarness start(TurnSettings turn, FailurePolicy failure) {
    return start(new AgentProfile("demo", "Thanks for calling.", "", List.of("book an appointment"),
        turn, failure, "", "", AgentProfile.standardTools()));
  }

  ConversationHarness start(AgentProfile profile) {
    PhraseCache cache = new PhraseCache(providers.tts());
    conversation = new Conversation(this, profile, providers.set(), new EnergyVad(), cache);
    conversation.start();
    drain();
    return this;
  }

  ConversationHarness start() {
    return start(TurnSettings.DEFAULTS, FailurePolicy.DEFAULTS);
  }

  /** {@code ms} of caller speech (a loud tone). */
  ConversationHarness speak(int ms) {
    return ticks(ms, 6000);
  }

  /** {@code ms} of speech-like sound: 200 ms bursts of tone with 60 ms gaps (a steady tone is no speech to AMD). */
  ConversationHarness talk(int ms) {
    for (int done = 0; done < ms; done += 260) {
      speak(Math.min(200, ms - done)).silence(Math.max(0, Math.min(60, ms - done - 200)));
    }
    return this;
  }

  /** {@code ms} of caller silence. */
  ConversationHarness silence(int ms) {
    return ticks(ms, 0);
  }

  /** Ticks until the agent has been silent for a while after speaking (bounded). */
  ConversationHarness untilAgentDone(int maxMs) {
    int quiet = 0;
    for (int t = 0; t < maxMs / 20 && quiet < 10; t++) {
      silence(20);
      quiet = agentAudio.get(agentAudio.size() - 1) ? 0 : quiet + 1;
    }
    return this;
  }

  /** {@code ms} of a steady tone of {@code hz} (a voicemail beep). */
  ConversationHarness beep(int ms, int hz) {
    return ticks(ms, 8000, hz);
  }

  private ConversationHarness ticks(int ms, int amplitude) {
    return ticks(ms, amplitude, 300);
  }

  private ConversationHarness ticks(int ms, int amplitude, int hz) {
    short[] frame = new short[FRAME];
    short[] out = new short[FRAME];
    for (int t = 0; t < ms / 20; t++) {
      for (int i = 0; i < FRAME; i++) {
        frame[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * (agentAudio.size() * FRAME + i) / 8000.0));
      }
      conversation.callerFrame(frame);
      drain();
      agentAudio.add(conversation.agentFrame(out));
      drain();
      nanos += 20_000_000L;
    }
    return this;
  }

  void drain() {
    for (int i = 0; i < 100_000 && !tasks.isEmpty(); i++) {
      tasks.poll().run();
    }
  }

  int tick() {
    return agentAudio.size();
  }

  List<TurnCompleted> turns() {
    return events.stream().filter(CallEvent::hasTurn).map(CallEvent::getTurn).toList();
  }

  @Override
  public String callId() {
    return "call-1";
  }

  @Override
  public Executor loop() {
    return loop;
  }

  @Override
  public LongSupplier clock() {
    return () -> nanos;
  }

  @Override
  public void emit(CallEvent event) {
    events.add(event);
  }

  @Override
  public void hangup(String outcome) {
    hangups.add(outcome);
  }

  @Override
  public Map<String, String> details() {
    return Map.of("from_number", "+15550001111");
  }

  @Override
  public int inputDelayMs() {
    return 60;
  }
}
