package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.testsupport.sip.Sipp;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real call from sipp pressing all twelve keys with its bundled RFC 4733 captures: each key is stored once, in
 * order, with its timing, and appears in the transcript (JSON and text).
 */
class DtmfCallTest {
  private static final String KEYS = "0123456789*#";

  @TempDir Path dir;

  @Test
  void allTwelveCapturedKeysAreStoredOnceAndTranscribed() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir)) {
      Path scenario = SippScenario.write(dir, "/sipp/uac_dtmf_pcaps.xml", "PCAP_DIR", "/usr/share/sip-tester");
      Sipp.runOk(dir, e.sipPort(), Duration.ofSeconds(60), "-sf", scenario.toString(), "-s", "agent", "-m", "1");

      JsonNode call = e.awaitCalls("", Duration.ofSeconds(20), d -> d.size() == 1
          && d.get(0).get("status").asText().equals("completed")).get("data").get(0);
      assertThat(call.get("media").get("dtmf_packets").asLong()).as("ten packets a capture").isEqualTo(120);
      String id = call.get("id").asText();

      List<JsonNode> keys = new ArrayList<>();
      for (JsonNode entry : e.api.get("/v1/calls/" + id + "/transcript").get("transcript")) {
        if (entry.has("dtmf")) {
          keys.add(entry);
        }
      }
      StringBuilder pressed = new StringBuilder();
      long previous = -1;
      for (JsonNode k : keys) {
        pressed.append(k.get("dtmf").asText());
        assertThat(k.get("role").asText()).isEqualTo("caller");
        assertThat(k.get("source").asText()).isEqualTo("rfc4733");
        assertThat(k.get("duration_ms").asLong()).as("the captures hold each key 280 ms").isEqualTo(0x08c0 / 8);
        assertThat(k.get("start_ms").asLong()).as("600 ms apart").isGreaterThan(previous + 400);
        previous = k.get("start_ms").asLong();
      }
      assertThat(pressed.toString()).isEqualTo(KEYS);
      String text = e.api.text("/v1/calls/" + id + "/transcript?format=txt");
      for (char key : KEYS.toCharArray()) {
        assertThat(text).contains("caller: [pressed " + key + "]");
      }
    }
  }
}
