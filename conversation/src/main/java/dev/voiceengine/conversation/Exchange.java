package dev.voiceengine.conversation;

import dev.voiceengine.proto.control.v1.TurnMetrics;

/**
 * A recognised caller turn waiting for the first audio of its reply, when all its latencies are known; it is
 * emitted then (or when the reply fails). The call's loop only.
 */
final class Exchange {
  final String text;
  final long startMs;
  final long endMs;
  final long lastSpeechSample;
  final TurnMetrics.Builder metrics;
  boolean emitted;

  Exchange(String text, long startMs, long endMs, long lastSpeechSample, TurnMetrics.Builder metrics) {
    this.text = text;
    this.startMs = startMs;
    this.endMs = endMs;
    this.lastSpeechSample = lastSpeechSample;
    this.metrics = metrics;
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
