package dev.voiceengine.media.conversation;

import dev.voiceengine.media.provider.Capability;
import dev.voiceengine.media.provider.ProviderException;
import dev.voiceengine.media.session.CallAudio;
import dev.voiceengine.media.turn.TurnDetector;
import dev.voiceengine.media.vad.CallVad;
import dev.voiceengine.media.vad.VadEngine;
import dev.voiceengine.proto.control.v1.ProviderFailed;
import dev.voiceengine.proto.control.v1.ProviderUsage;
import dev.voiceengine.proto.control.v1.TurnMetrics;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.Message;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.Usage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call's conversation. The agent greets (cached audio); the caller's frames feed voice activity detection and a
 * ring of recent audio; {@link TurnDetector} decides when the caller speaks (a recognition stream opens from the
 * onset), when the turn is over (the stream is half-closed and its final text becomes the caller's turn) and when the
 * caller interrupts (playout stops within the frame, the model and synthesis streams are cancelled, the agent's turn
 * keeps what was heard). A reply streams: the model's text is cut into sentences, synthesised one after another and
 * played as soon as audio exists. Provider failures are recorded and answered per the agent's {@link FailurePolicy}.
 *
 * <p>Timelines: turn times are sample positions of the call (8 kHz ticks since answer); latencies use the monotonic
 * clock. Everything runs on the call's loop.
 */
public final class Conversation implements CallAudio, TurnDetector.Listener, CallerTurn.Events, AgentReply.Events {
  private static final Logger log = LoggerFactory.getLogger(Conversation.class);
  private static final int RATE = 8000;
  private static final int PREROLL_SAMPLES = RATE * 150 / 1000;

  private final CallContext ctx;
  private final AgentProfile profile;
  private final ProviderSet providers;
  private final VadEngine vadEngine;
  private final PhraseCache phrases;
  private final TurnDetector detector;
  private final AudioRing ring = new AudioRing(RATE);
  private final AgentSpeech speech = new AgentSpeech();
  private final Transcript transcript;
  private final UsageMeter usage;
  private final SynthesisRequest voice;

  private CallVad vad;
  private CallerTurn turn;
  private Exchange exchange;
  private AgentReply reply;
  private long callerPos;
  private long agentPos;
  private boolean speakingNow;
  private boolean agentTurnOpen;
  private int agentTurnSeq;
  private long agentStart = -1;
  private long agentEnd = -1;
  private int cannedPending;
  private boolean hangupAfter;
  private boolean replyFailed;
  private int failures;
  private boolean stopped;

  Conversation(CallContext ctx, AgentProfile profile, ProviderSet providers, VadEngine vadEngine,
      PhraseCache phrases) {
    this.ctx = ctx;
    this.profile = profile;
    this.providers = providers;
    this.vadEngine = vadEngine;
    this.phrases = phrases;
    this.detector = new TurnDetector(profile.turn(), this);
    this.transcript = new Transcript(ctx.callId());
    this.usage = new UsageMeter(providers);
    this.voice = SynthesisRequest.newBuilder().setVoice(profile.voice()).setSampleRate(RATE)
        .setLanguage(profile.language()).setCallId(ctx.callId()).setModel(providers.ttsModel()).build();
  }

  @Override
  public void start() {
    vad = vadEngine.open(ctx.callId(), ctx.loop(), this::onWindow);
    if (!profile.firstMessage().isBlank()) {
      say(profile.firstMessage(), false);
    }
  }

  @Override
  public void callerFrame(short[] frame) {
    if (stopped) {
      return;
    }
    ring.write(frame, 0, frame.length);
    vad.accept(frame, 0, frame.length);
    if (turn != null && !turn.finished()) {
      turn.send(frame, 0, frame.length);
      usage.sttAudio(frame.length);
    }
    callerPos += frame.length;
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
    speakingNow = audio;
    agentPos += out.length;
    if (agentTurnOpen && cannedPending == 0 && (reply == null || reply.produced()) && speech.drained()) {
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
    if (vad != null) {
      vad.close();
    }
    if (turn != null) {
      turn.abandon();
    }
    if (reply != null) {
      reply.cancel();
    }
    speech.clear();
  }

  @Override
  public ProviderUsage usage() {
    return usage.snapshot();
  }

  private void onWindow(long endSample, int samples, float probability) {
    if (!stopped) {
      detector.agentSpeaking(speakingNow);
      detector.onWindow(endSample, samples, probability);
    }
  }

  // ---- turn-taking decisions

  @Override
  public void callerSpeechStarted(long onsetSample) {
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
    turn.open(providers.stt(), RecognitionConfig.newBuilder().setLanguage(profile.language())
        .addAllPhrases(profile.phrases()).setInterimResults(true).setCallId(ctx.callId())
        .setModel(providers.sttModel()).build(), this);
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
    speech.clear();
    if (reply != null) {
      reply.cancel();
    }
    cannedPending = 0;
    speakingNow = false;
    finishAgentTurn(true);
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
  public void recognised(CallerTurn t) {
    if (t != turn || !t.finished()) {
      if (t == turn) {
        detector.finalTranscript();
      }
      return;
    }
    turn = null;
    usage.sttModel(t.model);
    String text = t.text();
    if (text.isBlank()) {
      return; // noise, or nothing the recogniser could make out: the agent keeps listening
    }
    TurnMetrics.Builder metrics = TurnMetrics.newBuilder()
        .setEndpointMs((t.decidedSample - t.lastSpeechSample) / 8)
        .setSttFinalMs(Math.max(0, (t.finalNanos - t.decidedNanos) / 1_000_000));
    exchange = new Exchange(text, t.onsetSample / 8, t.lastSpeechSample / 8, t.lastSpeechSample, metrics);
    if (agentTurnOpen) {
      speech.clear();
      if (reply != null) {
        reply.cancel();
      }
      cannedPending = 0;
      finishAgentTurn(true);
    }
    openAgentTurn();
    replyFailed = false;
    reply = new AgentReply(providers.llm(), providers.tts(), voice, speech, ctx.loop(), ctx.clock(), this,
        usage::ttsRequest);
    usage.llmRequest();
    reply.start(request(text));
  }

  @Override
  public void failed(CallerTurn t, ProviderException error) {
    if (t != turn) {
      return;
    }
    turn = null;
    t.abandon();
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

  private GenerateRequest request(String callerText) {
    GenerateRequest.Builder b = GenerateRequest.newBuilder()
        .setAgentId(profile.agentId())
        .setInstructions(profile.instructions())
        .addAllMessages(transcript.messages())
        .addMessages(Message.newBuilder().setRole(Message.Role.USER).setText(callerText))
        .addAllTools(profile.tools())
        .putAllContext(ctx.details())
        .putContext("call_id", ctx.callId())
        .setModel(providers.llmModel());
    return b.build();
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
    if (exchange == null || exchange.emitted) {
      return;
    }
    exchange.emitted = true;
    AgentReply r = reply;
    if (r != null) {
      if (r.firstTokenNanos >= 0) {
        exchange.metrics.setLlmFirstTokenMs((r.firstTokenNanos - r.requestNanos) / 1_000_000);
      }
      if (r.firstAudioNanos >= 0) {
        exchange.metrics.setTtsFirstAudioMs((r.firstAudioNanos - r.firstTtsRequestNanos) / 1_000_000);
      }
    }
    ctx.emit(transcript.caller(exchange.text, exchange.startMs, exchange.endMs, exchange.metrics.build()));
  }

  // ---- the agent's turn

  private void openAgentTurn() {
    if (!agentTurnOpen) {
      agentTurnOpen = true;
      agentTurnSeq++;
      agentStart = -1;
      agentEnd = -1;
      speech.newTurn();
    }
  }

  /** Says a cached phrase as (part of) the agent's turn; then hangs up when {@code hangUp}. */
  private void say(String text, boolean hangUp) {
    openAgentTurn();
    hangupAfter |= hangUp;
    cannedPending++;
    int seq = agentTurnSeq;
    java.util.concurrent.CompletableFuture<short[]> audio = phrases.get(text, profile.voice());
    if (audio.isDone() && !audio.isCompletedExceptionally()) {
      cannedPending--;
      speech.addComplete(text, audio.join()); // cached: plays from this very tick
      return;
    }
    audio.whenComplete((pcm, error) -> ctx.loop().execute(() -> {
      if (stopped || seq != agentTurnSeq || cannedPending == 0) {
        return;
      }
      cannedPending--;
      if (pcm != null) {
        speech.addComplete(text, pcm);
      } else {
        log.warn("call {}: cannot say \"{}\": {}", ctx.callId(), text, String.valueOf(error));
      }
    }));
  }

  private void finishAgentTurn(boolean interrupted) {
    emitCallerTurn();
    String heard = speech.heard();
    boolean endCall = hangupAfter || reply != null && !interrupted && reply.wantsEndCall();
    if (agentStart >= 0 || !heard.isEmpty()) {
      long start = Math.max(0, agentStart) / 8;
      long end = Math.max(agentStart, agentEnd) / 8;
      ctx.emit(transcript.agent(heard, speech.intended(), start, end, interrupted,
          reply == null ? java.util.List.of() : reply.toolCalls()));
    }
    if (reply != null && !replyFailed && !interrupted) {
      failures = 0;
    }
    reply = null;
    exchange = null;
    closeAgentTurnSilently();
    if (endCall) {
      hangupAfter = false;
      ctx.hangup("agent_hangup");
    }
  }

  private void closeAgentTurnSilently() {
    agentTurnOpen = false;
    agentTurnSeq++;
    agentStart = -1;
    agentEnd = -1;
    cannedPending = 0;
    speech.clear();
    speech.newTurn();
  }

  private void providerFailed(ProviderException error) {
    failures++;
    FailurePolicy policy = profile.failure();
    boolean hangUp = policy.hangUp() || failures >= policy.maxConsecutiveFailures();
    Capability c = error.capability();
    log.warn("call {}: {} provider failed ({} {}); {}", ctx.callId(), c.key(), error.code(), error.getMessage(),
        hangUp ? "hanging up" : "apologising");
    ctx.emit(transcript.providerFailed(ProviderFailed.newBuilder().setCapability(c.key())
        .setProvider(providers.name(c)).setCode(error.code())
        .setMessage(error.getMessage() == null ? "" : error.getMessage())
        .setAtMs(callerPos / 8).setAction(hangUp ? "hung_up" : "apologized").build()));
    say(hangUp ? policy.goodbye() : policy.apology(), hangUp);
  }
}
