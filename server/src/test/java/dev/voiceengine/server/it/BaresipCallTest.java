package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.testsupport.audio.Sox;
import dev.voiceengine.testsupport.process.Processes;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real softphone calls the engine and records what it heard: an agent configured with a recorded greeting plays
 * all of it.
 */
class BaresipCallTest {
  @TempDir Path dir;

  @Test
  void baresipHearsTheWholeGreeting() throws Exception {
    Path greeting = shippedGreeting();
    try (EngineFixture e = EngineFixture.start(dir, "agents: [{id: demo, greeting: " + greeting.getFileName() + "}]")) {
      Path snd = Files.createDirectories(dir.resolve("heard"));
      Path silence = dir.resolve("silence.wav");
      run(List.of("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", silence.toString(), "trim", "0", "11"));
      Processes.Result r = Baresip.call(dir, silence, snd, e.sipPort(), Duration.ofSeconds(40));
      assertThat(r.output()).as(r.output()).contains("Call established");

      Path heard = ConversationCallTest.decodedWav(snd, r);
      double greetingSpeech = Sox.activeSeconds(Sox.channel(greeting, 1), 300);
      short[] samples = Sox.channel(heard, 1);
      assertThat(greetingSpeech).isGreaterThan(2.0);
      assertThat(samples.length / 8000.0).as("seconds heard").isGreaterThan(6.0);
      assertThat(Sox.activeSeconds(samples, 300)).as("speech heard vs the greeting's %.2f s", greetingSpeech)
          .isGreaterThan(0.8 * greetingSpeech);

      JsonNode call = e.awaitCalls("?status=completed", Duration.ofSeconds(20), d -> d.size() == 1)
          .get("data").get(0);
      assertThat(call.get("outcome").asText()).isEqualTo("caller_hangup");
      assertThat(call.get("media").get("packets_in").asLong()).as("baresip sends RTP too").isGreaterThan(100);
    }
  }

  private Path shippedGreeting() throws Exception {
    Path copy = dir.resolve("greeting.wav");
    try (InputStream in = getClass().getResourceAsStream("/greeting.wav")) {
      Files.copy(in, copy);
    }
    return copy;
  }

  private void run(List<String> cmd) throws Exception {
    Processes.Result r = Processes.run(dir, Duration.ofSeconds(30), cmd);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
