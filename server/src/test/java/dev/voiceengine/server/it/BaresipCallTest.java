package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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
      Path cfg = Files.createDirectories(dir.resolve("baresip"));
      Path snd = Files.createDirectories(dir.resolve("heard"));
      Path silence = dir.resolve("silence.wav");
      run(List.of("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", silence.toString(), "trim", "0", "11"));
      int rtp = Processes.freePort();
      Files.writeString(cfg.resolve("config"), String.join("\n",
          "poll_method epoll",
          "sip_listen 127.0.0.1:" + Processes.freePort(),
          "audio_player aubridge,nil",
          "audio_source aufile," + silence,
          "audio_alert aubridge,nil",
          "module_path /usr/lib/baresip/modules",
          "module g711.so", "module aufile.so", "module aubridge.so", "module sndfile.so",
          "module_app account.so", "module_app menu.so",
          "snd_path " + snd,
          "rtp_ports " + rtp + "-" + (rtp + 10), ""));
      Files.writeString(cfg.resolve("accounts"), "<sip:tester@127.0.0.1>;regint=0;audio_codecs=PCMU\n");

      Processes.Result r = Processes.run(dir, Duration.ofSeconds(40), List.of("baresip", "-f", cfg.toString(),
          "-t", "20", "-e", "/dial sip:+15550001111@127.0.0.1:" + e.sipPort()));
      assertThat(r.output()).as(r.output()).contains("Call established");

      Path heard;
      try (Stream<Path> files = Files.list(snd)) {
        heard = files.filter(p -> p.getFileName().toString().endsWith("-dec.wav")).findFirst().orElseThrow(
            () -> new AssertionError("baresip wrote no decoded audio; output:\n" + r.output()));
      }
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
