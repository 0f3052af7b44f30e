package dev.voiceengine.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the engine's own call records say about a load run: how many calls were answered and completed, how fast
 * they were set up, each call's RTP statistics, its recording, and the latencies of every caller turn.
 */
record CallRecords(int records, int answered, int completed, int failed, Distribution setupMs, double setupsPerSecond,
    long packetsIn, long packetsOut, long packetsLost, long packetsLate, long packetsInvalid, int callsWithLoss,
    int callsLate, double meanJitterMs, double maxJitterMs, int recordingsIncomplete, int callerTurns,
    Distribution voiceToVoiceMs, Distribution endpointMs, Distribution providersMs, Distribution engineAddedMs) {

  static CallRecords of(List<JsonNode> calls) {
    int answered = 0;
    int completed = 0;
    int failed = 0;
    List<Double> setup = new ArrayList<>();
    Instant firstStart = null;
    Instant lastAnswer = null;
    long in = 0;
    long out = 0;
    long lost = 0;
    long late = 0;
    long invalid = 0;
    int withLoss = 0;
    int withLate = 0;
    double jitterSum = 0;
    double jitterMax = 0;
    int jitterCalls = 0;
    int recordingsIncomplete = 0;
    List<Double> v2v = new ArrayList<>();
    List<Double> endpoint = new ArrayList<>();
    List<Double> providers = new ArrayList<>();
    List<Double> engine = new ArrayList<>();
    for (JsonNode c : calls) {
      Instant started = instant(c.get("started_at"));
      Instant answeredAt = instant(c.get("answered_at"));
      if (answeredAt != null) {
        answered++;
        if (started != null) {
          setup.add((answeredAt.toEpochMilli() - started.toEpochMilli()) * 1.0);
          firstStart = firstStart == null || started.isBefore(firstStart) ? started : firstStart;
        }
        lastAnswer = lastAnswer == null || answeredAt.isAfter(lastAnswer) ? answeredAt : lastAnswer;
      }
      String status = c.path("status").asText();
      if (status.equals("completed")) {
        completed++;
      } else if (status.equals("failed")) {
        failed++;
      }
      JsonNode m = c.get("media");
      if (m != null && !m.isNull()) {
        in += m.path("packets_in").asLong();
        out += m.path("packets_out").asLong();
        lost += m.path("packets_lost").asLong();
        late += m.path("packets_late").asLong();
        invalid += m.path("packets_invalid").asLong();
        withLoss += m.path("packets_lost").asLong() > 0 ? 1 : 0;
        withLate += m.path("packets_late").asLong() > 0 ? 1 : 0;
        jitterSum += m.path("jitter_ms").asDouble();
        jitterMax = Math.max(jitterMax, m.path("max_jitter_ms").asDouble());
        jitterCalls++;
      }
      if (!c.path("recording_error").isNull() && !c.path("recording_error").asText().isEmpty()
          || c.path("recording_dropped_seconds").asDouble() > 0) {
        recordingsIncomplete++;
      }
      for (JsonNode turn : c.path("transcript")) {
        JsonNode t = turn.get("metrics");
        if (!"caller".equals(turn.path("role").asText()) || t == null || t.isNull()
            || t.path("voice_to_voice_ms").asLong() <= 0) {
          continue;
        }
        double provider = t.path("stt_final_ms").asDouble() + t.path("llm_first_token_ms").asDouble()
            + t.path("tts_first_audio_ms").asDouble();
        v2v.add(t.path("voice_to_voice_ms").asDouble());
        endpoint.add(t.path("endpoint_ms").asDouble());
        providers.add(provider);
        engine.add(t.path("voice_to_voice_ms").asDouble() - t.path("endpoint_ms").asDouble() - provider);
      }
    }
    double setupSeconds = firstStart == null || lastAnswer == null
        ? 0 : (lastAnswer.toEpochMilli() - firstStart.toEpochMilli()) / 1000.0;
    return new CallRecords(calls.size(), answered, completed, failed, Distribution.of(setup),
        setupSeconds > 0 ? answered / setupSeconds : 0, in, out, lost, late, invalid, withLoss, withLate,
        jitterCalls == 0 ? 0 : jitterSum / jitterCalls, jitterMax, recordingsIncomplete, v2v.size(),
        Distribution.of(v2v), Distribution.of(endpoint), Distribution.of(providers), Distribution.of(engine));
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() || n.asText().isEmpty() ? null : Instant.parse(n.asText());
  }
}
