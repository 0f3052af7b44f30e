package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.CallUsage;
import dev.voiceengine.control.store.ProviderError;
import dev.voiceengine.control.store.TurnLatencies;
import dev.voiceengine.control.store.TurnRole;
import dev.voiceengine.control.store.UsedProvider;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON of what was said and spent in a call: the transcript (turns in order, times in milliseconds from the
 * answer), per-call latency figures derived from it, provider usage and provider failures. Same rules as
 * {@link CallJson}: snake_case, every key present, null when unknown or not applicable.
 */
final class ConversationJson {
  private ConversationJson() {}

  static ArrayNode transcript(List<CallTurn> turns) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    turns.forEach(turn -> list.add(turn(turn)));
    return list;
  }

  /**
   * The turns and the caller's key presses in time order ({@link TranscriptEntries}). A key press is an entry of its
   * own: {@code {"role": "caller", "dtmf": "5", "start_ms", "end_ms", "duration_ms", "source": "rfc4733"|"inband"}}
   * (end_ms is start_ms when the key's end was not seen); turns are as {@link #turn}.
   */
  static ArrayNode transcript(List<CallTurn> turns, List<CallDtmf> keys) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (TranscriptEntries.Entry e : TranscriptEntries.of(turns, keys)) {
      list.add(e.turn() != null ? turn(e.turn()) : key(e.key()));
    }
    return list;
  }

  /** One key press of the caller. */
  static ObjectNode key(CallDtmf k) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("role", TurnRole.CALLER.wire());
    n.put("dtmf", k.digit());
    n.put("start_ms", k.atMs());
    n.put("end_ms", k.atMs() + k.durationMs());
    n.put("duration_ms", k.durationMs());
    n.put("source", k.source());
    return n;
  }

  /**
   * One turn. {@code metrics} belongs to caller turns (the exchange the turn started); {@code intended_text} is
   * shown only for an agent turn whose played text differs from what the model wrote (an interrupted reply).
   */
  static ObjectNode turn(CallTurn t) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("index", t.index());
    n.put("role", t.role() == null ? null : t.role().wire());
    n.put("text", t.text());
    n.put("start_ms", t.startMs());
    n.put("end_ms", t.endMs());
    n.put("interrupted", t.interrupted());
    n.set("metrics", t.role() == TurnRole.AGENT ? null : latencies(t.latencies()));
    boolean differs = t.intendedText() != null && !t.intendedText().equals(t.text());
    n.put("intended_text", t.role() != TurnRole.CALLER && differs ? t.intendedText() : null);
    return n;
  }

  private static ObjectNode latencies(TurnLatencies l) {
    if (l == null) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("endpoint_ms", l.endpointMs());
    n.put("stt_final_ms", l.sttFinalMs());
    n.put("llm_first_token_ms", l.llmFirstTokenMs());
    n.put("tts_first_audio_ms", l.ttsFirstAudioMs());
    n.put("voice_to_voice_ms", l.voiceToVoiceMs());
    return n;
  }

  /**
   * Figures over the whole call: turn counts, interruptions, and the average of each latency over the exchanges
   * where that stage happened (rounded to whole milliseconds; null when it never did). Null for a call without turns.
   */
  static ObjectNode metrics(List<CallTurn> turns) {
    if (turns.isEmpty()) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("turns", turns.size());
    n.put("caller_turns", turns.stream().filter(t -> t.role() == TurnRole.CALLER).count());
    n.put("agent_turns", turns.stream().filter(t -> t.role() == TurnRole.AGENT).count());
    n.put("interruptions", turns.stream().filter(CallTurn::interrupted).count());
    List<TurnLatencies> all = turns.stream().map(CallTurn::latencies).filter(l -> l != null).toList();
    n.put("avg_endpoint_ms", average(all, TurnLatencies::endpointMs));
    n.put("avg_stt_final_ms", average(all, TurnLatencies::sttFinalMs));
    n.put("avg_llm_first_token_ms", average(all, TurnLatencies::llmFirstTokenMs));
    n.put("avg_tts_first_audio_ms", average(all, TurnLatencies::ttsFirstAudioMs));
    n.put("avg_voice_to_voice_ms", average(all, TurnLatencies::voiceToVoiceMs));
    n.put("max_voice_to_voice_ms", all.stream().map(TurnLatencies::voiceToVoiceMs).filter(v -> v != null)
        .max(Long::compare).orElse(null));
    return n;
  }

  private static Long average(List<TurnLatencies> all, Function<TurnLatencies, Long> stage) {
    var stats = all.stream().map(stage).filter(v -> v != null).mapToLong(Long::longValue).summaryStatistics();
    return stats.getCount() == 0 ? null : Math.round(stats.getAverage());
  }

  /** Per capability only the counters that mean something for it; a capability not used is null. */
  static ObjectNode usage(CallUsage u) {
    if (u == null) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    ObjectNode stt = used(u.stt());
    if (stt != null) {
      stt.put("audio_seconds", u.stt().audioSeconds());
      stt.put("requests", u.stt().requests());
    }
    n.set(CallUsage.STT, stt);
    ObjectNode llm = used(u.llm());
    if (llm != null) {
      llm.put("input_tokens", u.llm().inputTokens());
      llm.put("output_tokens", u.llm().outputTokens());
      llm.put("requests", u.llm().requests());
    }
    n.set(CallUsage.LLM, llm);
    ObjectNode tts = used(u.tts());
    if (tts != null) {
      tts.put("characters", u.tts().characters());
      tts.put("requests", u.tts().requests());
    }
    n.set(CallUsage.TTS, tts);
    return n;
  }

  private static ObjectNode used(UsedProvider p) {
    if (p == null) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("provider", p.provider());
    n.put("model", p.model());
    return n;
  }

  static ArrayNode errors(List<ProviderError> errors) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (ProviderError e : errors) {
      list.addObject()
          .put("capability", e.capability())
          .put("provider", e.provider())
          .put("code", e.code())
          .put("message", e.message())
          .put("at_ms", e.atMs())
          .put("action", e.action());
    }
    return list;
  }
}
