package dev.voiceengine.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.Word;

/**
 * Reads a transcription response into one final {@link Recognition}. {@code verbose_json} gives segments and words
 * with times in seconds; servers that answer plain {@code json} give only the text, which then spans the whole turn.
 */
final class TranscriptJson {
  private TranscriptJson() {}

  static Recognition recognition(JsonNode response, String model, int audioMs) {
    Recognition.Builder r = Recognition.newBuilder()
        .setText(response.path("text").asText("").strip())
        .setIsFinal(true)
        .setModel(model);
    JsonNode segments = response.path("segments");
    JsonNode words = response.path("words");
    int start = 0;
    int end = response.has("duration") ? ms(response.get("duration")) : audioMs;
    if (segments.isArray() && !segments.isEmpty()) {
      start = ms(segments.get(0).path("start"));
      end = ms(segments.get(segments.size() - 1).path("end"));
    } else if (words.isArray() && !words.isEmpty()) {
      start = ms(words.get(0).path("start"));
      end = ms(words.get(words.size() - 1).path("end"));
    }
    r.setStartMs(start).setEndMs(Math.max(start, end));
    if (words.isArray()) {
      for (JsonNode w : words) {
        r.addWords(Word.newBuilder()
            .setText(w.path("word").asText("").strip())
            .setStartMs(ms(w.path("start")))
            .setEndMs(ms(w.path("end")))
            .setConfidence((float) w.path("probability").asDouble(0)));
      }
    }
    return r.build();
  }

  private static int ms(JsonNode seconds) {
    return (int) Math.round(seconds.asDouble(0) * 1000);
  }
}
