package dev.voiceengine.server.it;

import static dev.voiceengine.server.it.OutboundApi.awaitCall;
import static dev.voiceengine.server.it.OutboundApi.object;
import static dev.voiceengine.server.it.OutboundApi.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.testsupport.sip.SippUas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of outbound calls placed through the API by the real engine to sipp: a trunk's concurrent-call limit
 * holds dials back until a slot frees, a canceled batch dials no more, an unanswered call is given up on at the
 * ring timeout, and a live call ends when the API says so.
 */
class OutboundLimitsApiTest {
  @TempDir Path dir;

  private static ObjectNode batch(int count, Double cps) {
    ObjectNode body = object().put("agent_id", "demo");
    if (cps != null) {
      body.put("calls_per_second", cps);
    }
    ArrayNode recipients = body.putArray("recipients");
    for (int i = 0; i < count; i++) {
      recipients.addObject().put("to_number", "+1555003%04d".formatted(i));
    }
    return body;
  }

  private static SippUas farEnd(Path work, String scenario, int calls) throws Exception {
    return SippUas.start(work, scenario, Map.of(), "udp", Duration.ofSeconds(50), "-m", Integer.toString(calls));
  }

  private static boolean state(JsonNode batch, String state) {
    return batch.get("state").asText().equals(state);
  }

  @Test
  void aTrunkAtItsConcurrentLimitHoldsDialsUntilACallEnds() throws Exception {
    Path work = Files.createDirectories(dir.resolve("uas"));
    try (SippUas uas = farEnd(work, "uas_answer_hangup.xml", 6);
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port(), 2, 10))) {
      String id = e.api.post("/v1/calls/batch", batch(6, null)).body().get("id").asText();
      JsonNode done = OutboundApi.await(e, "/v1/calls/batch/" + id, Duration.ofSeconds(40),
          b -> state(b, "completed"));
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();
      assertThat(done.get("counts").get("completed").asInt()).as("%s", done.get("counts")).isEqualTo(6);

      List<Instant[]> spans = new ArrayList<>();
      for (JsonNode r : done.get("recipients")) {
        JsonNode call = e.api.get("/v1/calls/" + r.get("call_id").asText());
        spans.add(new Instant[] {Instant.parse(call.get("answered_at").asText()),
            Instant.parse(call.get("ended_at").asText())});
      }
      int most = 0;
      for (Instant[] s : spans) {
        int live = (int) spans.stream().filter(o -> !o[0].isAfter(s[0]) && o[1].isAfter(s[0])).count();
        most = Math.max(most, live);
      }
      assertThat(most).as("calls live at once on a trunk of 2").isEqualTo(2);
      assertThat(OutboundApi.invitesReceived(work).stream().map(OutboundApi.Invite::callId).distinct())
          .as("a deferred call is dialled once, when its turn comes").hasSize(6);
    }
  }

  @Test
  void aCanceledBatchDialsNoMoreAndItsPlacedCallsGoOn() throws Exception {
    Path work = Files.createDirectories(dir.resolve("uas"));
    try (SippUas uas = farEnd(work, "uas_answer_hangup.xml", 100);
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      String path = "/v1/calls/batch/" + e.api.post("/v1/calls/batch", batch(12, 2.0)).body().get("id").asText();
      OutboundApi.await(e, path, Duration.ofSeconds(20), b -> b.get("counts").path("queued").asInt(0) <= 10);

      Api.Status canceled = e.api.post(path + "/cancel", object());
      assertThat(canceled.code()).as("%s", canceled.body()).isEqualTo(200);
      assertThat(canceled.body().get("state").asText()).isEqualTo("canceled");
      int placed = 12 - canceled.body().get("counts").path("canceled").asInt(0);
      assertThat(placed).isBetween(2, 11);
      assertThat(canceled.body().get("counts").path("queued").asInt(0)).isZero();

      JsonNode after = OutboundApi.await(e, path, Duration.ofSeconds(20),
          b -> b.get("counts").path("completed").asInt(0) == placed);
      assertThat(after.get("counts").path("canceled").asInt()).isEqualTo(12 - placed);
      assertThat(after.get("state").asText()).isEqualTo("canceled");
      assertThat(e.api.post(path + "/resume", object()).code()).as("a canceled batch stays so").isEqualTo(409);
      for (JsonNode r : after.get("recipients")) {
        if (r.get("status").asText().equals("canceled")) {
          JsonNode call = e.api.get("/v1/calls/" + r.get("call_id").asText());
          assertThat(call.get("answered_at").isNull()).isTrue();
          assertThat(call.get("ended_at").isNull()).as("a canceled call is over").isFalse();
        }
      }
      uas.close();
      assertThat(OutboundApi.invitesReceived(work).stream().map(OutboundApi.Invite::callId).distinct())
          .as("INVITEs the far end saw").hasSize(placed);
    }
  }

  @Test
  void anUnansweredCallIsCanceledAtTheRingTimeout() throws Exception {
    try (SippUas uas = farEnd(dir, "uas_ring_no_answer.xml", 1);
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port(), 50, 2))) {
      Api.Status placed = e.api.post("/v1/calls", object().put("agent_id", "demo").put("to_number", "+15550004321"));
      assertThat(placed.code()).as("%s", placed.body()).isEqualTo(202);
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();

      JsonNode call = awaitCall(e, placed.body().get("id").asText(), Duration.ofSeconds(20), OutboundApi::ended);
      assertThat(call.get("status").asText()).isEqualTo("no-answer");
      assertThat(call.get("outcome").asText()).isEqualTo("no_answer");
      assertThat(call.get("ringing_at").isNull()).isFalse();
      assertThat(call.get("answered_at").isNull()).isTrue();
    }
  }

  @Test
  void aLiveCallEndsWhenTheApiSaysSo() throws Exception {
    try (SippUas uas = farEnd(dir, "uas_answer_wait_bye.xml", 1);
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      String id = e.api.post("/v1/calls", object().put("agent_id", "demo").put("to_number", "+15550004321"))
          .body().get("id").asText();
      awaitCall(e, id, Duration.ofSeconds(20), c -> c.get("status").asText().equals("in-progress"));

      Api.Status ended = e.api.post("/v1/calls/" + id + "/end", object());
      assertThat(ended.code()).as("%s", ended.body()).isBetween(200, 204);
      assertThat(uas.await()).as("sipp got our BYE\n%s", uas.output()).isZero();
      JsonNode call = awaitCall(e, id, Duration.ofSeconds(20), OutboundApi::ended);
      assertThat(call.get("status").asText()).isEqualTo("completed");
      assertThat(call.get("outcome").asText()).isEqualTo("api_hangup");
    }
  }
}
