package dev.voiceengine.conversation;

import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.TurnMetrics;
import java.util.function.Consumer;

/**
 * A recognised caller turn waiting for the first audio of its reply, when all its latencies are known; it is
 * emitted then (or when the reply fails). A turn of keys ({@link CallerKeys}) goes into the model's history only.
 * The call's loop only.
 */
final class Exchange {
  final String text;
  final long startMs;
  final long endMs;
  final long lastSpeechSample;
  final TurnMetrics.Builder metrics;
  final boolean keys;
  boolean emitted;

  Exchange(String text, long startMs, long endMs, long lastSpeechSample, TurnMetrics.Builder metrics) {
    this(text, startMs, endMs, lastSpeechSample, metrics, false);
  }

  Exchange(String text, long startMs, long endMs, long lastSpeechSample, TurnMetrics.Builder metrics, boolean keys) {
    this.text = text;
    this.startMs = startMs;
    this.endMs = endMs;
    this.lastSpeechSample = lastSpeechSample;
    this.metrics = metrics;
    this.keys = keys;
  }

  /** Emits the turn once, with the latencies known so far from {@code r} (all of them once the reply is heard). */
  void emit(AgentReply r, Transcript transcript, Consumer<CallEvent> events) {
    if (emitted) {
      return;
    }
    emitted = true;
    if (keys) {
      transcript.keys(text);
      return;
    }
    replyTimings(r);
    events.accept(transcript.caller(text, startMs, endMs, metrics.build()));
  }

  /** Takes the model's and the voice's latencies from the reply (null: none came). */
  void replyTimings(AgentReply r) {
    if (r == null) {
      return;
    }
    if (r.firstTokenNanos >= 0) {
      metrics.setLlmFirstTokenMs((r.firstTokenNanos - r.requestNanos) / 1_000_000);
    }
    if (r.firstAudioNanos >= 0) {
      metrics.setTtsFirstAudioMs((r.firstAudioNanos - r.firstTtsRequestNanos) / 1_000_000);
    }
  }
}
