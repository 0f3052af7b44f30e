package dev.voiceengine.media.conversation;

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
}
