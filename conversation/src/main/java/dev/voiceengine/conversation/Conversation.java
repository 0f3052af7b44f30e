package dev.voiceengine.conversation;

import dev.voiceengine.conversation.amd.VoicemailScreen;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.conversation.turn.TurnDetector;
import dev.voiceengine.conversation.vad.CallVad;
import dev.voiceengine.conversation.vad.VadEngine;
import dev.voiceengine.media.CallContext;
import dev.voiceengine.media.session.CallAudio;
import dev.voiceengine.proto.control.v1.ProviderUsage;
import dev.voiceengine.proto.control.v1.TurnMetrics;
import dev.voiceengine.proto.provider.v1.Usage;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's conversation. Caller frames feed voice activity and a ring of recent audio; {@link TurnDetector} decides
 * when the caller speaks (recognition streams from the onset), when the turn is over and when the caller interrupts
 * (playout stops within the frame, model and synthesis are cancelled). Replies stream sentence by sentence. Keys are
 * caller turns ({@link CallerKeys}); provider failures follow {@link FailurePolicy}; a {@link VoicemailScreen} decides
 * when the agent first speaks. Times: 8 kHz positions since answer. The call's loop only.
 */
public final class Conversation implements CallAudio, TurnDetector.Listener, CallerTurn.Events, AgentReply.Events {
  private static final Logger log = LoggerFactory.getLogger(Conversation.class);
  private static final int RATE = 8000, PREROLL_SAMPLES = RATE * 150 / 1000;

  private final CallContext ctx;
  private final AgentProfile profile;
  private final ProviderSet providers;
  private final VadEngine vadEngine;
  private final CannedSpeech canned;
  private final TurnDetector detector;
  private final AudioRing ring = new AudioRing(RATE);
  private final AgentSpeech speech = new AgentSpeech();
  private final Transcript transcript;
  private final UsageMeter usage;
  private final ProviderRequests requests;
  private final CallerKeys keys = new CallerKeys();
  private final VoicemailScreen screen;

  private CallVad vad;
  private CallerTurn turn;
  private CallerTurn closing; // a finished turn whose final result is awaited while the caller speaks again
  private Exchange exchange;
  private AgentReply reply;
  private long callerPos;
  private long agentPos;
  private boolean agentTurnOpen;
  private long agentStart = -1;
  private long agentEnd = -1;
  private String hangupOutcome; // set: end the call with it once the agent's turn is said
  private boolean replyFailed;
  private int failures;
  private boolean stopped;

  Conversation(CallContext ctx, AgentProfile profile, ProviderSet providers, VadEngine vadEngine,
      PhraseCache phrases) {
    this.ctx = ctx;
    this.profile = profile;
    this.providers = providers;
    this.vadEngine = vadEngine;
    this.canned = new CannedSpeech(ctx.callId(), phrases, profile.voice(), speech, ctx.loop());
    this.detector = new TurnDetector(profile.turn(), this);
    this.transcript = new Transcript(ctx.callId());
    this.usage = new UsageMeter(providers);
    this.requests = new ProviderRequests(ctx, profile, providers);
    this.screen = new VoicemailScreen(profile.voicemail(), ctx.callId(), new ScreenedAgent(this::say, ctx));
  }

  @Override
  public void start() {
    vad = vadEngine.open(ctx.callId(), ctx.loop(), this::onWindow);
    screen.start(profile.firstMessage());
  }

  @Override
  public void callerFrame(short[] frame) {
    if (stopped) {
      return;
    }
    ring.write(frame, 0, frame.length);
    vad.accept(frame, 0, frame.length);
    screen.callerFrame(frame, 0, frame.length);
    if (turn != null && !turn.finished()) {
      turn.send(frame, 0, frame.length);
      usage.sttAudio(frame.length);
    }
    callerPos += frame.length;
    Exchange pressed = keys.due(callerPos);
    if (pressed != null) {
      respond(pressed);
    }
  }

  @Override
  public void callerKey(char digit) {
    if (!stopped) {
      keys.press(digit, callerPos);
    }
  }

  @Override
  public boolean say(String text) {
    if (stopped || !screen.conversing()) {
      return false;
    }
    if (agentTurnOpen) {
      cutAgentOff();
    }
    openAgentTurn();
    canned.sayOnce(text);
    return true;
  }

  @Override
  public boolean agentFrame(short[] out) {
    boolean audio = !stopped && speech.next(out);
    if (audio) {
      if (agentStart < 0) {
        agentStart = agentPos;
        firstAgentAudio();
      }
      agentEnd = agentPos + out.length;
    }
    agentPos += out.length;
    if (agentTurnOpen && !canned.pending() && (reply == null || reply.produced()) && speech.drained()) {
      finishAgentTurn(false);
    }
    return audio;
  }

  @Override
  public void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    screen.stop();
    if (vad != null) {
      vad.close();
    }
    emitCallerTurn(); // the call ended mid-exchange: keep what was said on the record
    if (agentTurnOpen) {
      emitAgentTurn(!speech.heard().equals(speech.intended()));
    }
    CallerTurn.abandonAll(turn, closing);
    if (reply != null) {
      reply.cancel();
    }
    speech.clear();
    canned.cancel();
  }

  @Override
  public ProviderUsage usage() {
    return usage.snapshot();
  }

  private void onWindow(long endSample, int samples, float probability) {
    screen.voiceActivity(probability);
    if (!stopped && screen.conversing()) {
      detector.agentSpeaking(agentTurnOpen && agentStart >= 0);
      detector.onWindow(endSample, samples, probability);
    }
  }

  // ---- turn-taking decisions

  @Override
  public void callerSpeechStarted(long onsetSample) {
    if (turn != null && turn.finished() && closing == null) {
      closing = turn; // its result is still on its way: it will be folded into this new turn
      turn = null;
    }
    if (turn != null) {
      return;
    }
    String prior = "";
    if (reply != null && agentStart < 0 && exchange != null && !exchange.emitted) {
      // The caller went on before the reply was heard: it was one turn with a pause. Ask again with all of it.
      prior = exchange.text;
      reply.cancel();
      reply = null;
      exchange = null;
      closeAgentTurnSilently();
    }
    turn = new CallerTurn(onsetSample, prior, ctx.loop(), ctx.clock());
    turn.open(providers.stt(), requests.recognition(), this);
    usage.sttStream();
    short[] preroll = ring.since(onsetSample - PREROLL_SAMPLES);
    turn.send(preroll, 0, preroll.length);
    usage.sttAudio(preroll.length);
  }

  @Override
  public void interruption(long onsetSample) {
    if (!agentTurnOpen) {
      return;
    }
    log.debug("call {}: caller interrupts the agent", ctx.callId());
    cutAgentOff();
  }

  @Override
  public void callerSpeechDiscarded() {
    if (turn != null && !turn.finished()) {
      turn.abandon();
      turn = null;
    }
  }

  @Override
  public void callerTurnEnded(long lastSpeechSample, long atSample) {
    if (turn != null && !turn.finished()) {
      turn.finish(lastSpeechSample, atSample);
    }
  }

  // ---- recognition

  @Override
  public void words(CallerTurn t, int count) {
    if (t == turn) {
      detector.wordsHeard(count, callerPos);
    }
  }

  @Override
  public void finalHeard(CallerTurn t) {
    if (t == turn) {
      detector.finalTranscript();
    }
  }

  @Override
  public void recognised(CallerTurn t) {
    if (t == closing) {
      closing = null;
      if (turn != null) {
        turn.absorb(t); // the caller went on speaking: one turn with a pause
        return;
      }
    } else if (t != turn) {
      return;
    } else if (!t.finished()) {
      t.endedByRecogniser(callerPos);
    }
    if (t == turn) {
      turn = null;
    }
    usage.sttModel(t.model);
    String text = t.text();
    if (text.isBlank()) {
      return; // noise, or nothing the recogniser could make out: the agent keeps listening
    }
    TurnMetrics.Builder metrics = TurnMetrics.newBuilder()
        .setEndpointMs((t.decidedSample - t.lastSpeechSample) / 8)
        .setSttFinalMs(Math.max(0, (t.finalNanos - t.decidedNanos) / 1_000_000));
    respond(new Exchange(text, t.onsetSample / 8, t.lastSpeechSample / 8, t.lastSpeechSample, metrics));
  }

  /** The caller's turn (words or keys) is over: the agent stops if it was talking and replies. */
  private void respond(Exchange e) {
    if (agentTurnOpen) {
      cutAgentOff();
    }
    exchange = e;
    openAgentTurn();
    replyFailed = false;
    reply = new AgentReply(providers.llm(), providers.tts(), requests.voice(), speech, ctx.loop(), ctx.clock(), this,
        usage::ttsRequest);
    usage.llmRequest();
    reply.start(requests.generate(transcript.messages(), e.text));
  }

  @Override
  public void failed(CallerTurn t, ProviderException error) {
    if (t == closing) {
      closing = null;
      providerFailed(error);
      return;
    }
    if (t != turn) {
      return;
    }
    turn = null;
    t.abandon();
    if (!t.finished() && !detector.inCallerTurn()) {
      // a burst over the agent that was never going to be a turn: record it, do not apologise for it
      ctx.emit(transcript.providerFailed(requests.failure(error, "ignored", callerPos / 8)));
      return;
    }
    providerFailed(error);
  }

  // ---- the reply

  @Override
  public void failed(AgentReply r, ProviderException error) {
    if (r != reply) {
      return;
    }
    replyFailed = true;
    emitCallerTurn();
    providerFailed(error);
  }

  @Override
  public void usage(Usage u) {
    usage.llmUsage(u);
  }

  private void firstAgentAudio() {
    if (exchange != null && !exchange.emitted && reply != null) {
      long v2v = (agentPos - exchange.lastSpeechSample) / 8 + ctx.inputDelayMs();
      exchange.metrics.setVoiceToVoiceMs(v2v);
      emitCallerTurn();
    }
  }

  /** Emits the pending caller turn with the latencies known so far (all of them once the reply is heard). */
  private void emitCallerTurn() {
    if (exchange != null) {
      exchange.emit(reply, transcript, ctx::emit);
    }
  }

  // ---- the agent's turn

  private void openAgentTurn() {
    if (!agentTurnOpen) {
      agentTurnOpen = true;
      agentStart = -1;
      agentEnd = -1;
      speech.newTurn();
    }
  }

  /** Says a cached phrase as (part of) the agent's turn; then hangs up with {@code outcome} unless it is null. */
  private void say(String text, String outcome) {
    openAgentTurn();
    hangupOutcome = outcome != null ? outcome : hangupOutcome;
    canned.say(text);
  }

  /** Stops the agent's audio in this frame, cancels what was still coming and ends its turn as interrupted. */
  private void cutAgentOff() {
    speech.clear();
    if (reply != null) {
      reply.cancel();
    }
    canned.cancel();
    finishAgentTurn(true);
  }

  private void finishAgentTurn(boolean interrupted) {
    emitCallerTurn();
    String endCall = hangupOutcome != null ? hangupOutcome
        : reply != null && !interrupted && reply.wantsEndCall() ? "agent_hangup" : null;
    emitAgentTurn(interrupted);
    if (reply != null && !replyFailed && !interrupted) {
      failures = 0;
    }
    reply = null;
    exchange = null;
    closeAgentTurnSilently();
    if (endCall != null) {
      hangupOutcome = null;
      ctx.hangup(endCall);
    }
  }

  private void emitAgentTurn(boolean interrupted) {
    String heard = speech.heard();
    if (agentStart >= 0 || !heard.isEmpty()) {
      ctx.emit(transcript.agent(heard, speech.intended(), Math.max(0, agentStart) / 8,
          Math.max(agentStart, agentEnd) / 8, interrupted, reply == null ? List.of() : reply.toolCalls()));
    }
  }

  private void closeAgentTurnSilently() {
    agentTurnOpen = false;
    agentStart = -1;
    agentEnd = -1;
    canned.cancel();
    speech.clear();
    speech.newTurn();
  }

  private void providerFailed(ProviderException error) {
    failures++;
    FailurePolicy policy = profile.failure();
    boolean hangUp = policy.hangUp() || failures >= policy.maxConsecutiveFailures();
    log.warn("call {}: {} provider failed ({} {}); {}", ctx.callId(), error.capability().key(), error.code(),
        error.getMessage(), hangUp ? "hanging up" : "apologising");
    ctx.emit(transcript.providerFailed(requests.failure(error, hangUp ? "hung_up" : "apologized", callerPos / 8)));
    say(hangUp ? policy.goodbye() : policy.apology(), hangUp ? "agent_hangup" : null);
  }
}
