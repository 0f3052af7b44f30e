package dev.voiceengine.server.it;

import static dev.voiceengine.server.it.OutboundApi.object;
import static dev.voiceengine.server.it.OutboundApi.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.testsupport.sip.SippStats;
import dev.voiceengine.testsupport.sip.SippUas;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batches placed through {@code POST /v1/calls/batch} by the real engine to sipp, which answers every call and hangs
 * up a second later: each recipient is dialled exactly once at the batch's pace, the batch's counts follow its calls,
 * and a paused batch dials nothing new until it is resumed.
 */
class OutboundBatchApiTest {
  private static final String STATS = "uas-stats.csv";

  @TempDir Path dir;

  private static List<String> numbers(int count, int block) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add("+1555%03d%04d".formatted(block, i));
    }
    return out;
  }

  private static ObjectNode batch(List<String> numbers, double cps) {
    ObjectNode body = object().put("agent_id", "demo").put("calls_per_second", cps);
    ArrayNode recipients = body.putArray("recipients");
    for (int i = 0; i < numbers.size(); i++) {
      ObjectNode r = recipients.addObject().put("to_number", numbers.get(i));
      r.putObject("context").put("row", Integer.toString(i));
    }
    return body;
  }

  /** sipp answering {@code calls} calls, then exiting; its messages and statistics are kept in {@code work}. */
  private static SippUas farEnd(Path work, int calls) throws Exception {
    return SippUas.start(work, "uas_answer_hangup.xml", Map.of(), "udp", Duration.ofSeconds(55),
        "-m", Integer.toString(calls), "-trace_stat", "-stf", STATS, "-fd", "1");
  }

  /** Calls of the batch that left the queue (being dialled, live or over). */
  private static int dialled(JsonNode batch) {
    return batch.get("total").asInt() - batch.get("counts").path("queued").asInt(0);
  }

  private static boolean over(JsonNode batch) {
    return batch.get("state").asText().equals("completed");
  }

  @Test
  void everyRecipientIsDialledOnceAtTheBatchRate() throws Exception {
    List<String> numbers = numbers(30, 1);
    Path work = Files.createDirectories(dir.resolve("uas"));
    try (SippUas uas = farEnd(work, numbers.size());
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      Api.Status created = e.api.post("/v1/calls/batch", batch(numbers, 5));
      assertThat(created.code()).as("%s", created.body()).isEqualTo(202);
      assertThat(created.body().get("total").asInt()).isEqualTo(30);
      assertThat(created.body().get("counts").get("queued").asInt()).isEqualTo(30);
      String id = created.body().get("id").asText();

      JsonNode done = OutboundApi.await(e, "/v1/calls/batch/" + id, Duration.ofSeconds(45), OutboundBatchApiTest::over);
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();
      assertThat(done.get("counts").size()).as("%s", done.get("counts")).isEqualTo(1);
      assertThat(done.get("counts").get("completed").asInt()).isEqualTo(30);
      assertThat(done.get("completed_at").isNull()).isFalse();

      Set<String> callIds = new HashSet<>();
      List<Instant> answered = new ArrayList<>();
      for (JsonNode r : done.get("recipients")) {
        assertThat(r.get("to_number").asText()).isEqualTo(numbers.get(r.get("index").asInt()));
        assertThat(r.get("status").asText()).isEqualTo("completed");
        callIds.add(r.get("call_id").asText());
        JsonNode call = e.api.get("/v1/calls/" + r.get("call_id").asText());
        assertThat(call.get("status").asText()).isEqualTo("completed");
        assertThat(call.get("batch_id").asText()).isEqualTo(id);
        assertThat(call.get("to_number").asText()).isEqualTo(r.get("to_number").asText());
        assertThat(call.get("context").get("row").asText()).isEqualTo(r.get("index").asText());
        answered.add(Instant.parse(call.get("answered_at").asText()));
      }
      assertThat(callIds).hasSize(30);
      assertThat(e.api.get("/v1/calls?limit=100").get("data")).as("no call beyond the batch's").hasSize(30);

      List<OutboundApi.Invite> invites = OutboundApi.invitesReceived(work);
      assertThat(invites.stream().map(OutboundApi.Invite::callId).distinct()).as("calls sipp saw").hasSize(30);
      assertThat(invites.stream().map(OutboundApi.Invite::toUser).distinct().sorted())
          .as("each number dialled once").containsExactlyElementsOf(numbers);
      assertThat(SippStats.counter(SippStats.lastRow(work.resolve(STATS)), "IncomingCall(C)"))
          .as("sipp's own count of calls received").isEqualTo(30);
      Duration span = Duration.between(answered.stream().min(Instant::compareTo).orElseThrow(),
          answered.stream().max(Instant::compareTo).orElseThrow());
      assertThat(span).as("30 calls at 5 per second take about 5.8 s to place")
          .isGreaterThan(Duration.ofMillis(4_500));
    }
  }

  @Test
  void aPausedBatchDialsNothingNewUntilItIsResumed() throws Exception {
    List<String> numbers = numbers(20, 2);
    Path work = Files.createDirectories(dir.resolve("uas"));
    try (SippUas uas = farEnd(work, numbers.size());
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      String id = e.api.post("/v1/calls/batch", batch(numbers, 2)).body().get("id").asText();
      String path = "/v1/calls/batch/" + id;
      OutboundApi.await(e, path, Duration.ofSeconds(20), b -> dialled(b) >= 3);

      Api.Status paused = e.api.post(path + "/pause", object());
      assertThat(paused.code()).as("%s", paused.body()).isEqualTo(200);
      assertThat(paused.body().get("state").asText()).isEqualTo("paused");
      int atPause = dialled(paused.body());
      assertThat(atPause).isBetween(3, 19);
      long until = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
      while (System.nanoTime() < until) {
        JsonNode b = e.api.get(path);
        assertThat(b.get("state").asText()).isEqualTo("paused");
        assertThat(dialled(b)).as("dials while paused: %s", b.get("counts")).isEqualTo(atPause);
        Thread.sleep(100);
      }
      Api.Status again = e.api.post(path + "/pause", object());
      assertThat(again.code()).as("pausing a paused batch keeps it paused").isEqualTo(200);

      Api.Status resumed = e.api.post(path + "/resume", object());
      assertThat(resumed.code()).as("%s", resumed.body()).isEqualTo(200);
      assertThat(resumed.body().get("state").asText()).isEqualTo("running");
      JsonNode done = OutboundApi.await(e, path, Duration.ofSeconds(40), OutboundBatchApiTest::over);
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();
      assertThat(done.get("counts").get("completed").asInt()).as("%s", done.get("counts")).isEqualTo(20);
      assertThat(done.get("recipients")).extracting(r -> r.get("call_id").asText()).doesNotHaveDuplicates();
      assertThat(OutboundApi.invitesReceived(work).stream().map(OutboundApi.Invite::toUser).distinct().sorted())
          .containsExactlyElementsOf(numbers);

      Api.Status cancel = e.api.post(path + "/cancel", object());
      assertThat(cancel.code()).as("a completed batch cannot be canceled: %s", cancel.body()).isEqualTo(409);
    }
  }
}
