package dev.voiceengine.server.it;

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
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch outlives the engine that started it: the engine stops part-way (the calls it placed end as they may), and
 * the next start with the same data folder dials the rest, each recipient still at most once.
 */
class OutboundBatchRestartTest {
  private static final int RECIPIENTS = 8;

  @TempDir Path dir;

  @Test
  void theNextStartDialsWhatTheLastOneLeftQueued() throws Exception {
    ObjectNode body = object().put("agent_id", "demo").put("calls_per_second", 1.0);
    ArrayNode recipients = body.putArray("recipients");
    for (int i = 0; i < RECIPIENTS; i++) {
      recipients.addObject().put("to_number", "+1555007%04d".formatted(i));
    }
    Path work = Files.createDirectories(dir.resolve("uas"));
    try (SippUas uas = SippUas.start(work, "uas_answer_hangup.xml", Map.of(), "udp", Duration.ofSeconds(55),
        "-m", "100")) {
      String path;
      int leftQueued;
      try (EngineFixture first = EngineFixture.start(dir, yaml(uas.port()))) {
        path = "/v1/calls/batch/" + first.api.post("/v1/calls/batch", body).body().get("id").asText();
        OutboundApi.await(first, path, Duration.ofSeconds(20),
            b -> b.get("counts").path("queued").asInt(0) <= RECIPIENTS - 2);
        leftQueued = first.api.get(path).get("counts").path("queued").asInt(0);
      }
      assertThat(leftQueued).as("the first engine stopped part-way").isPositive();

      try (EngineFixture second = EngineFixture.start(dir, yaml(uas.port()))) {
        JsonNode done = OutboundApi.await(second, path, Duration.ofSeconds(40),
            b -> b.get("state").asText().equals("completed"));
        assertThat(done.get("counts").size()).as("%s", done.get("counts")).isEqualTo(1);
        assertThat(done.get("counts").get("completed").asInt()).isEqualTo(RECIPIENTS);
        int placedAfterRestart = 0;
        for (JsonNode r : done.get("recipients")) {
          JsonNode call = second.api.get("/v1/calls/" + r.get("call_id").asText());
          placedAfterRestart += call.get("outcome").asText().equals("caller_hangup") ? 1 : 0;
        }
        assertThat(placedAfterRestart).as("calls the second engine placed").isGreaterThanOrEqualTo(leftQueued);
      }
      uas.close();
      Map<String, Set<String>> callsPerNumber = OutboundApi.invitesReceived(work).stream().collect(
          Collectors.groupingBy(OutboundApi.Invite::toUser,
              Collectors.mapping(OutboundApi.Invite::callId, Collectors.toSet())));
      assertThat(callsPerNumber).as("every number reached").hasSize(RECIPIENTS);
      assertThat(callsPerNumber.values()).as("each number dialled once").allSatisfy(ids -> assertThat(ids).hasSize(1));
    }
  }
}
