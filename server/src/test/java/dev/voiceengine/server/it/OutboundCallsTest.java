package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.testsupport.sip.SippScenario;
import dev.voiceengine.testsupport.sip.SippUas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls the engine places through a trunk to sipp as the far end, through {@code Engine#commands()}. */
class OutboundCallsTest {
  @TempDir Path dir;

  private static String yaml(int port) {
    return """
        trunks:
          - id: local
          - id: carrier
            outbound: {host: 127.0.0.1, port: %d, caller_ids: ["+15559876543"], ring_timeout_seconds: 10}
        """.formatted(port);
  }

  private static OutboundDial dial(String id) {
    return new OutboundDial(id, "demo", "+15550001234", null, null, Map.of("customer_name", "Ana"),
        "Hello Ana, this is the clinic calling.", Map.of());
  }

  @Test
  void answeredCallCarriesMediaLikeAnInboundOne() throws Exception {
    Path work = SippScenario.pcapWorkDir(dir);
    try (SippUas uas = SippUas.start(work, "uas_answer_rtp.xml", Map.of(), "udp", Duration.ofSeconds(40));
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      String id = UUID.randomUUID().toString();
      assertThat(e.engine.commands().dial(dial(id))).isInstanceOf(DialAdmission.Accepted.class);
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();

      JsonNode call = e.awaitCalls("", Duration.ofSeconds(20), d -> d.size() == 1
          && d.get(0).get("status").asText().equals("completed")).get("data").get(0);
      assertThat(call.get("id").asText()).isEqualTo(id);
      assertThat(call.get("direction").asText()).isEqualTo("outbound");
      assertThat(call.get("trunk_id").asText()).isEqualTo("carrier");
      assertThat(call.get("from_number").asText()).isEqualTo("+15559876543");
      assertThat(call.get("outcome").asText()).isEqualTo("caller_hangup");
      assertThat(call.get("media").get("packets_in").asLong()).as("PCMA from the pcap").isGreaterThan(150);
      assertThat(call.get("media").get("packets_out").asLong()).isGreaterThan(300);
    }
  }

  @Test
  void busyIsRecordedWithItsSipStatus() throws Exception {
    try (SippUas uas = SippUas.start(dir, "uas_busy.xml", Map.of(), "udp", Duration.ofSeconds(30));
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      String id = UUID.randomUUID().toString();
      assertThat(e.engine.commands().dial(dial(id))).isInstanceOf(DialAdmission.Accepted.class);
      assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();

      JsonNode call = e.awaitCalls("", Duration.ofSeconds(20), d -> d.size() == 1
          && !d.get(0).get("ended_at").isNull()).get("data").get(0);
      assertThat(call.get("status").asText()).as("a busy outbound call ends with its own status")
          .isEqualTo("busy");
      assertThat(call.get("outcome").asText()).isEqualTo("busy");
      assertThat(call.get("sip_status").asInt()).isEqualTo(486);
      assertThat(call.get("sip_reason").asText()).isEqualTo("Busy Here");
      assertThat(call.get("error").asText()).isEqualTo("486 Busy Here");
    }
  }
}
