package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.testsupport.audio.Sox;
import dev.voiceengine.testsupport.audio.SpeechFiles;
import dev.voiceengine.testsupport.sip.Sipp;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real calls from sipp over loopback UDP: answered, carried both ways, recorded, and listed by the API. */
class InboundCallsTest {
  @TempDir Path dir;

  @Test
  void pcmaCallWithThirtyMillisecondPacketsIsRecordedAndListed() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir)) {
      Sipp.runOk(SippScenario.pcapWorkDir(dir), e.sipPort(), Duration.ofSeconds(60), "-sn", "uac_pcap", "-m", "1");

      JsonNode call = e.awaitCalls("", Duration.ofSeconds(20), d -> d.size() == 1
          && d.get(0).get("status").asText().equals("completed")).get("data").get(0);
      assertThat(call.get("direction").asText()).isEqualTo("inbound");
      assertThat(call.get("outcome").asText()).isEqualTo("caller_hangup");
      assertThat(call.get("agent_id").asText()).isEqualTo("demo");
      double duration = call.get("duration_seconds").asDouble();
      assertThat(duration).isBetween(8.0, 14.0); // the scenario plays ~8 s, pauses, sends a DTMF, pauses, BYE
      JsonNode media = call.get("media");
      assertThat(media.get("packets_in").asLong()).as("30 ms PCMA packets from the pcap").isGreaterThan(150);
      assertThat(media.get("packets_out").asLong()).as("20 ms packets for the whole call").isGreaterThan(300);

      Path wav = dir.resolve("call.wav");
      HttpResponse<Path> r = e.api.download("/v1/calls/" + call.get("id").asText() + "/recording", wav);
      assertThat(r.statusCode()).isEqualTo(200);
      Sox.Info info = Sox.info(wav);
      assertThat(info.channels()).isEqualTo(2);
      assertThat(info.rate()).isEqualTo(8000);
      assertThat(info.seconds()).isCloseTo(duration, within(1.0));
      assertThat(Sox.activeSeconds(Sox.channel(wav, 1), 300)).as("caller speech (left)").isGreaterThan(2.0);
      // the greeting is synthesised before the engine says it is ready, so it starts as the call is answered; the
      // capture starts talking after a second and interrupts it, so the agent is heard until then, not all of it
      short[] agent = Sox.channel(wav, 2);
      assertThat(Sox.firstActiveSecond(agent, 300)).as("agent speech (right) starts").isBetween(0.0, 0.5);
      assertThat(Sox.activeSeconds(agent, 300)).as("agent speech (right)").isGreaterThan(1.0);
    }
  }

  @Test
  void pcmuStreamIsHeardOnTheCallerChannel() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir)) {
      Path ulaw = SpeechFiles.ulaw(dir, "Hello, I would like to book an appointment for Friday morning.", 0.5);
      Path scenario = SippScenario.write(dir, "/sipp/uac_pcmu_stream.xml", "ULAW_FILE", ulaw.toString());
      Sipp.runOk(dir, e.sipPort(), Duration.ofSeconds(60), "-sf", scenario.toString(), "-s", "+15550001111",
          "-m", "1", "-d", "5000");

      JsonNode call = e.awaitCalls("?status=completed", Duration.ofSeconds(20), d -> d.size() == 1)
          .get("data").get(0);
      assertThat(call.get("to_number").asText()).isEqualTo("+15550001111");
      assertThat(call.get("media").get("packets_in").asLong()).isGreaterThan(100);
      assertThat(call.get("media").get("packets_lost").asLong()).isZero();
      Path wav = dir.resolve("call.wav");
      e.api.download("/v1/calls/" + call.get("id").asText() + "/recording", wav);
      assertThat(Sox.activeSeconds(Sox.channel(wav, 1), 300)).as("caller speech (left)").isGreaterThan(1.5);
    }
  }

  @Test
  void fiftyConcurrentCallsAllCompleteWithReadableRecordings() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir)) {
      Path ulaw = SpeechFiles.ulaw(dir, "One two three four five six seven eight nine ten.", 0.5);
      Path scenario = SippScenario.write(dir, "/sipp/uac_pcmu_stream.xml", "ULAW_FILE", ulaw.toString());
      Sipp.runOk(dir, e.sipPort(), Duration.ofSeconds(120), "-sf", scenario.toString(), "-s", "agent",
          "-m", "50", "-l", "50", "-r", "10", "-d", "6000");

      JsonNode calls = e.awaitCalls("?status=completed&limit=100", Duration.ofSeconds(30), d -> d.size() == 50);
      assertThat(calls.get("pagination").get("total").asInt()).isEqualTo(50);
      Set<String> ids = new HashSet<>();
      for (JsonNode call : calls.get("data")) {
        ids.add(call.get("id").asText());
        assertThat(call.get("outcome").asText()).isEqualTo("caller_hangup");
        Path wav = dir.resolve(call.get("id").asText() + ".wav");
        assertThat(e.api.download(call.get("recording_url").asText(), wav).statusCode()).isEqualTo(200);
        Sox.Info info = Sox.info(wav);
        assertThat(info.channels()).isEqualTo(2);
        assertThat(info.rate()).isEqualTo(8000);
        assertThat(info.seconds()).as("recording of %s", call)
            .isCloseTo(call.get("duration_seconds").asDouble(), within(1.0));
      }
      assertThat(ids).hasSize(50);
    }
  }

  @Test
  void silentCallerIsHungUpAfterTheNoMediaTimeout() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir, "rtp: {no_media_timeout_s: 2}\n")) {
      Path scenario = SippScenario.write(dir, "/sipp/uac_silent_wait_bye.xml");
      Sipp.runOk(dir, e.sipPort(), Duration.ofSeconds(40), "-sf", scenario.toString(), "-s", "agent", "-m", "1");

      JsonNode call = e.awaitCalls("", Duration.ofSeconds(20), d -> d.size() == 1
          && d.get(0).get("status").asText().equals("completed")).get("data").get(0);
      assertThat(call.get("outcome").asText()).isEqualTo("no_media_timeout");
      assertThat(call.get("media").get("packets_in").asLong()).isZero();
    }
  }
}
