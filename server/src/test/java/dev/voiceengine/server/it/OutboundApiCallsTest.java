package dev.voiceengine.server.it;

import static dev.voiceengine.server.it.OutboundApi.CALLER_ID;
import static dev.voiceengine.server.it.OutboundApi.awaitCall;
import static dev.voiceengine.server.it.OutboundApi.ended;
import static dev.voiceengine.server.it.OutboundApi.object;
import static dev.voiceengine.server.it.OutboundApi.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.server.cli.BatchCli;
import dev.voiceengine.server.cli.CallCli;
import dev.voiceengine.testsupport.sip.SippScenario;
import dev.voiceengine.testsupport.sip.SippUas;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Outbound calls placed the way a user places them, through the REST API and the {@code call} command, by the real
 * engine (the control plane's dialer hands them to the SIP stack) to sipp as the far end of a trunk.
 */
class OutboundApiCallsTest {
  private static final String TO = "+15550001234";

  @TempDir Path dir;

  private static ObjectNode request() {
    ObjectNode body = object().put("agent_id", "demo").put("to_number", TO)
        .put("first_message", "Hello Ana, this is the clinic calling.");
    body.putObject("context").put("customer_name", "Ana");
    body.putObject("metadata").put("crm_id", "c-42");
    return body;
  }

  @Test
  void aCallPlacedThroughTheApiReachesTheFarEndOnceAndIsRecorded() throws Exception {
    Path work = SippScenario.pcapWorkDir(dir);
    try (SippUas uas = SippUas.start(work, "uas_answer_rtp.xml", Map.of(), "udp", Duration.ofSeconds(40));
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      Api.Status first = e.api.post("/v1/calls", request(), "Idempotency-Key", "order-42");
      assertThat(first.code()).as("%s", first.body()).isEqualTo(202);
      assertThat(first.body().get("status").asText()).isEqualTo("queued");
      String id = first.body().get("id").asText();

      Api.Status again = e.api.post("/v1/calls", request(), "Idempotency-Key", "order-42");
      assertThat(again.code()).as("%s", again.body()).isEqualTo(200);
      assertThat(again.body().get("id").asText()).isEqualTo(id);

      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();
      JsonNode call = awaitCall(e, id, Duration.ofSeconds(20), c -> c.get("status").asText().equals("completed"));
      assertThat(call.get("direction").asText()).isEqualTo("outbound");
      assertThat(call.get("trunk_id").asText()).isEqualTo("carrier");
      assertThat(call.get("from_number").asText()).isEqualTo(CALLER_ID);
      assertThat(call.get("to_number").asText()).isEqualTo(TO);
      assertThat(call.get("outcome").asText()).isEqualTo("caller_hangup");
      assertThat(call.get("first_message").asText()).isEqualTo("Hello Ana, this is the clinic calling.");
      assertThat(call.get("context").get("customer_name").asText()).isEqualTo("Ana");
      assertThat(call.get("metadata").get("crm_id").asText()).isEqualTo("c-42");
      assertThat(call.get("answered_at").isNull()).isFalse();
      assertThat(call.get("media").get("packets_in").asLong()).as("PCMA from the pcap").isGreaterThan(150);
      assertThat(call.get("media").get("packets_out").asLong()).isGreaterThan(300);
      assertThat(e.api.get("/v1/calls").get("data")).as("the replayed request placed nothing").hasSize(1);

      JsonNode transcript = e.api.get("/v1/calls/" + id + "/transcript");
      assertThat(transcript.get("id").asText()).isEqualTo(id);
      JsonNode opening = transcript.get("transcript").get(0);
      assertThat(opening.get("role").asText()).isEqualTo("agent");
      assertThat(opening.get(opening.get("interrupted").asBoolean() ? "intended_text" : "text").asText())
          .as("the agent opens with the request's first message: %s", transcript)
          .isEqualTo("Hello Ana, this is the clinic calling.");
      assertThat(OutboundApi.invitesReceived(work).stream().map(OutboundApi.Invite::callId).distinct())
          .as("one call reached the far end").hasSize(1);
    }
  }

  @Test
  void aBusyFarEndEndsTheCallBusyWithItsSipStatus() throws Exception {
    try (SippUas uas = SippUas.start(dir, "uas_busy.xml", Map.of(), "udp", Duration.ofSeconds(30));
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      Api.Status placed = e.api.post("/v1/calls", request());
      assertThat(placed.code()).as("%s", placed.body()).isEqualTo(202);
      String id = placed.body().get("id").asText();
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();

      JsonNode call = awaitCall(e, id, Duration.ofSeconds(20), OutboundApi::ended);
      assertThat(call.get("status").asText()).isEqualTo("busy");
      assertThat(call.get("outcome").asText()).isEqualTo("busy");
      assertThat(call.get("sip_status").asInt()).isEqualTo(486);
      assertThat(call.get("answered_at").isNull()).isTrue();
    }
  }

  @Test
  void theCallCommandPlacesTheCallAndFollowsItToItsEnd() throws Exception {
    Path work = Files.createDirectories(dir.resolve("uas"));
    try (SippUas uas = SippUas.start(work, "uas_answer_hangup.xml", Map.of(), "udp", Duration.ofSeconds(30));
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new CallCli());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int exit = cli.execute(TO, "--agent", "demo", "--context", "customer_name=Ana",
          "--api", "http://127.0.0.1:" + e.engine.ready().httpPort(),
          "--key-file", e.dataDir.resolve("api-key").toString(), "--poll-ms", "100");

      assertThat(exit).as("out:\n%s\nerr:\n%s", out, err).isZero();
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();
      String[] lines = out.toString().split("\\R");
      String id = lines[0];
      assertThat(lines[lines.length - 1]).isEqualTo("ended completed outcome caller_hangup");
      JsonNode call = e.api.get("/v1/calls/" + id);
      assertThat(call.get("status").asText()).isEqualTo("completed");
      assertThat(call.get("direction").asText()).isEqualTo("outbound");
      assertThat(call.get("to_number").asText()).isEqualTo(TO);
      assertThat(call.get("context").get("customer_name").asText()).isEqualTo("Ana");
      assertThat(OutboundApi.invitesReceived(work)).extracting(OutboundApi.Invite::toUser).containsOnly(TO);
    }
  }

  @Test
  void theBatchCommandPlacesEveryRowOfItsFileAndFollowsTheBatch() throws Exception {
    List<String> numbers = List.of("+15550005001", "+15550005002", "+15550005003", "+15550005004", "+15550005005");
    Path csv = dir.resolve("list.csv");
    Files.writeString(csv, "to_number,customer_name\n" + String.join(",Ana\n", numbers) + ",Ana\n");
    Path work = Files.createDirectories(dir.resolve("uas"));
    try (SippUas uas = SippUas.start(work, "uas_answer_hangup.xml", Map.of(), "udp", Duration.ofSeconds(40),
            "-m", Integer.toString(numbers.size()));
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = new CommandLine(new BatchCli());
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int exit = cli.execute(csv.toString(), "--agent", "demo", "--cps", "5",
          "--api", "http://127.0.0.1:" + e.engine.ready().httpPort(),
          "--key-file", e.dataDir.resolve("api-key").toString(), "--poll-ms", "200");

      assertThat(exit).as("out:\n%s\nerr:\n%s", out, err).isZero();
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();
      assertThat(out.toString()).contains("5/5 ended").contains("batch completed {\"completed\":5}");
      assertThat(OutboundApi.invitesReceived(work).stream().map(OutboundApi.Invite::toUser).sorted())
          .containsExactlyElementsOf(numbers);
      JsonNode calls = e.api.get("/v1/calls?limit=10").get("data");
      assertThat(calls).hasSize(5).allSatisfy(c -> {
        assertThat(c.get("status").asText()).isEqualTo("completed");
        assertThat(c.get("context").get("customer_name").asText()).isEqualTo("Ana");
      });
    }
  }
}
