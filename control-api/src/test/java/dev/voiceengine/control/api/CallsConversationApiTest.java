package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.callerTurn;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static dev.voiceengine.control.TestEvents.providerFailed;
import static dev.voiceengine.control.TestEvents.withUsage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts, latency figures, provider usage and provider failures over real HTTP, seeded through events. */
class CallsConversationApiTest {
  static final String KEY = "ve_test_key_for_transcripts";
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** A finished call with four turns, two provider failures and usage. */
  static final String TALKED = new UUID(0x2000, 1).toString();
  /** An older call that was answered but nobody said anything yet. */
  static final String SILENT = new UUID(0x2000, 2).toString();
  static final Instant ANSWER = T0.plusSeconds(2);

  @TempDir static Path dir;
  static ControlPlane plane;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)));
    http = new HttpTestClient(plane.httpPort(), KEY);
    plane.accept(offered(SILENT, T0.minusSeconds(60)));
    plane.accept(answered(SILENT, T0.minusSeconds(58), ""));
    plane.accept(offered(TALKED, T0));
    plane.accept(answered(TALKED, ANSWER, ""));
    plane.accept(agentTurn(TALKED, ANSWER.plusMillis(2_900), 0, "Thanks for calling, how can I help?", 400, 2_900,
        false, "Thanks for calling, how can I help?"));
    plane.accept(callerTurn(TALKED, ANSWER.plusMillis(6_100), 1, "I'd like to book a table\nfor Friday", 3_500,
        5_600, 500, 120, 310, 140, 1_070));
    plane.accept(providerFailed(TALKED, ANSWER.plusMillis(6_500), "tts", "grpc://10.0.0.7:7000", "UNAVAILABLE",
        "connection refused", 6_500, "retried"));
    plane.accept(agentTurn(TALKED, ANSWER.plusMillis(7_900), 2, "Sure, for how", 6_670, 7_900, true,
        "Sure, for how many people?"));
    plane.accept(callerTurn(TALKED, ANSWER.plusMillis(9_200), 3, "four", 7_800, 8_300, 450, 90, 250, 160, 930));
    plane.accept(providerFailed(TALKED, ANSWER.plusMillis(9_800), "llm", "grpc://10.0.0.5:7000",
        "DEADLINE_EXCEEDED", "no first token within 2000 ms", 9_800, "apologized"));
    plane.accept(withUsage(ended(TALKED, ANSWER.plusSeconds(42), "caller_hangup", 0, "", 0)));
    plane.flush();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  @Test
  void aCallShowsItsTurnsInOrderWithTheirFields() {
    JsonNode call = http.get("/v1/calls/" + TALKED).json();
    JsonNode transcript = call.get("transcript");
    assertThat(transcript).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertThat(transcript.get(i).get("index").asInt()).isEqualTo(i);
      assertThat(keys(transcript.get(i))).containsExactly("index", "role", "text", "start_ms", "end_ms",
          "interrupted", "metrics", "intended_text");
    }
    JsonNode greeting = transcript.get(0);
    assertThat(greeting.get("role").asText()).isEqualTo("agent");
    assertThat(greeting.get("text").asText()).isEqualTo("Thanks for calling, how can I help?");
    assertThat(greeting.get("start_ms").asLong()).isEqualTo(400);
    assertThat(greeting.get("end_ms").asLong()).isEqualTo(2_900);
    assertThat(greeting.get("interrupted").asBoolean()).isFalse();
    assertThat(greeting.get("metrics").isNull()).as("agent turns carry no metrics").isTrue();
    assertThat(greeting.get("intended_text").isNull()).as("played whole").isTrue();

    JsonNode caller = transcript.get(1);
    assertThat(caller.get("role").asText()).isEqualTo("caller");
    assertThat(caller.get("text").asText()).isEqualTo("I'd like to book a table\nfor Friday");
    assertThat(caller.get("metrics")).isEqualTo(MAPPER.createObjectNode().put("endpoint_ms", 500)
        .put("stt_final_ms", 120).put("llm_first_token_ms", 310).put("tts_first_audio_ms", 140)
        .put("voice_to_voice_ms", 1_070));
    assertThat(caller.get("intended_text").isNull()).isTrue();

    JsonNode cut = transcript.get(2);
    assertThat(cut.get("interrupted").asBoolean()).isTrue();
    assertThat(cut.get("text").asText()).isEqualTo("Sure, for how");
    assertThat(cut.get("intended_text").asText()).isEqualTo("Sure, for how many people?");
  }

  @Test
  void aCallShowsItsMetricsUsageAndProviderErrors() {
    JsonNode call = http.get("/v1/calls/" + TALKED).json();
    assertThat(call.get("status").asText()).isEqualTo("completed");
    JsonNode metrics = call.get("metrics");
    assertThat(metrics.get("turns").asInt()).isEqualTo(4);
    assertThat(metrics.get("caller_turns").asInt()).isEqualTo(2);
    assertThat(metrics.get("agent_turns").asInt()).isEqualTo(2);
    assertThat(metrics.get("interruptions").asInt()).isEqualTo(1);
    assertThat(metrics.get("avg_endpoint_ms").asLong()).isEqualTo(475);
    assertThat(metrics.get("avg_stt_final_ms").asLong()).isEqualTo(105);
    assertThat(metrics.get("avg_llm_first_token_ms").asLong()).isEqualTo(280);
    assertThat(metrics.get("avg_tts_first_audio_ms").asLong()).isEqualTo(150);
    assertThat(metrics.get("avg_voice_to_voice_ms").asLong()).isEqualTo(1_000);
    assertThat(metrics.get("max_voice_to_voice_ms").asLong()).isEqualTo(1_070);

    JsonNode usage = call.get("provider_usage");
    assertThat(keys(usage)).containsExactly("stt", "llm", "tts");
    assertThat(usage.get("stt")).isEqualTo(MAPPER.createObjectNode().put("provider", "embedded:sphinx4")
        .put("model", "en-us").put("audio_seconds", 41.5).put("requests", 3));
    assertThat(usage.get("llm")).isEqualTo(MAPPER.createObjectNode().put("provider", "grpc://127.0.0.1:7001")
        .put("model", "script").put("input_tokens", 812).put("output_tokens", 95).put("requests", 2));
    assertThat(usage.get("tts")).isEqualTo(MAPPER.createObjectNode().put("provider", "embedded:freetts")
        .put("model", "kevin16").put("characters", 310).put("requests", 2));

    JsonNode errors = call.get("provider_errors");
    assertThat(errors).hasSize(2);
    assertThat(errors.get(0)).isEqualTo(MAPPER.createObjectNode().put("capability", "tts")
        .put("provider", "grpc://10.0.0.7:7000").put("code", "UNAVAILABLE").put("message", "connection refused")
        .put("at_ms", 6_500).put("action", "retried"));
    assertThat(errors.get(1).get("code").asText()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(errors.get(1).get("action").asText()).isEqualTo("apologized");
  }

  @Test
  void aCallWithoutConversationHasEmptyListsAndNulls() {
    JsonNode call = http.get("/v1/calls/" + SILENT).json();
    assertThat(call.get("transcript")).isEmpty();
    assertThat(call.get("transcript").isArray()).isTrue();
    assertThat(call.get("metrics").isNull()).isTrue();
    assertThat(call.get("provider_usage").isNull()).isTrue();
    assertThat(call.get("provider_errors").isArray()).isTrue();
    assertThat(call.get("provider_errors")).isEmpty();
    assertThat(http.get("/v1/calls/" + SILENT + "?include=transcript").json()).isEqualTo(call);
  }

  @Test
  void theListStaysLightUnlessTheTranscriptIsAskedFor() {
    JsonNode light = http.get("/v1/calls").json().get("data");
    assertThat(light).hasSize(2);
    for (JsonNode call : light) {
      assertThat(keys(call)).doesNotContain("transcript", "metrics", "provider_usage", "provider_errors");
      assertThat(call.get("transcript_url").asText()).isEqualTo("/v1/calls/" + call.get("id").asText()
          + "/transcript");
    }
    JsonNode full = http.get("/v1/calls?include=transcript").json().get("data");
    assertThat(full.get(0).get("id").asText()).isEqualTo(TALKED);
    assertThat(full.get(0).get("transcript")).isEqualTo(http.get("/v1/calls/" + TALKED).json().get("transcript"));
    assertThat(full.get(1).get("id").asText()).isEqualTo(SILENT);
    assertThat(full.get(1).get("transcript")).isEmpty();
    assertThat(keys(full.get(0))).doesNotContain("provider_usage", "provider_errors");
  }

  @Test
  void theTranscriptExportsAsJsonAndText() {
    JsonNode json = http.get("/v1/calls/" + TALKED + "/transcript").json();
    assertThat(keys(json)).containsExactly("id", "transcript");
    assertThat(json.get("id").asText()).isEqualTo(TALKED);
    assertThat(json.get("transcript")).isEqualTo(http.get("/v1/calls/" + TALKED).json().get("transcript"));
    assertThat(http.get("/v1/calls/" + TALKED + "/transcript?format=json").json()).isEqualTo(json);

    HttpTestClient.Response text = http.get("/v1/calls/" + TALKED.toUpperCase() + "/transcript?format=txt");
    assertThat(text.status()).isEqualTo(200);
    assertThat(text.header("content-type")).startsWith("text/plain").contains("utf-8");
    assertThat(text.header("content-disposition")).contains("attachment").contains(TALKED + ".txt");
    assertThat(new String(text.body(), StandardCharsets.UTF_8)).isEqualTo(
        "[00:00.400] agent: Thanks for calling, how can I help?\n"
        + "[00:03.500] caller: I'd like to book a table for Friday\n"
        + "[00:06.670] agent: Sure, for how (interrupted)\n"
        + "[00:07.800] caller: four\n");

    assertThat(http.get("/v1/calls/" + SILENT + "/transcript?format=txt").body()).isEmpty();
    HttpTestClient.Response unknown = http.get("/v1/calls/" + new UUID(9, 9) + "/transcript");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("not_found");
    assertThat(http.send("GET", "/v1/calls/" + TALKED + "/transcript", null, Map.of()).status()).isEqualTo(401);
    assertThat(http.get("/v1/calls/not-a-uuid/transcript").status()).isEqualTo(400);
  }

  @Test
  void plainTextTimesGrowHoursOnLongCalls() {
    assertThat(TranscriptText.clock(0)).isEqualTo("00:00.000");
    assertThat(TranscriptText.clock(61_005)).isEqualTo("01:01.005");
    assertThat(TranscriptText.clock(3_723_004)).isEqualTo("1:02:03.004");
    assertThat(TranscriptText.clock(-5)).isEqualTo("00:00.000");
  }
}
