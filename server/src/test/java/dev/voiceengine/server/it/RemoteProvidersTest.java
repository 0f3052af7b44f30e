package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.testsupport.audio.SpeechFiles;
import dev.voiceengine.testsupport.process.Processes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Providers in another process: {@code voice-engine providers serve} on TCP, the engine pointing every capability at
 * it. Then the providers go away mid-deployment: calls go on (the agent apologises) or end politely, per the agent,
 * and the failures are on the call records.
 */
class RemoteProvidersTest {
  @TempDir Path dir;

  @Test
  void theEngineTalksThroughRemoteProvidersAndSurvivesTheirLoss() throws Exception {
    Process providers = startProviders();
    try {
      int port = providersPort(providers);
      String remote = "grpc://127.0.0.1:" + port;
      String yaml = String.join("\n",
          "providers: {stt: \"" + remote + "\", llm: \"" + remote + "\", tts: \"" + remote + "\"}",
          "trunks: [{id: local, inbound: {allow: [127.0.0.0/8], numbers: {\"+15550002222\": strict, \"*\": demo}}}]",
          "agents:",
          "  - {id: demo}",
          "  - {id: strict, on_provider_error: {action: hang_up, goodbye: \"Sorry, goodbye.\"}}", "");
      try (EngineFixture e = EngineFixture.start(dir, yaml)) {
        Path caller = SpeechFiles.padded(dir, "I would like to book an appointment for Friday", 5.0, 8.0);

        JsonNode first = call(e, caller, "+15550001111", "first", 1);
        assertThat(texts(first)).as("%s", first.get("transcript")).anyMatch(t -> t.contains("appointment"))
            .anyMatch(t -> t.contains("booked"));
        for (String capability : List.of("stt", "llm", "tts")) {
          assertThat(first.get("provider_usage").get(capability).get("provider").asText()).isEqualTo(remote);
        }
        assertThat(first.get("provider_errors")).isEmpty();

        providers.destroy();
        assertThat(providers.waitFor(30, TimeUnit.SECONDS)).isTrue();
        EngineProcess.assertNoLeakReported(dir.resolve("providers.log"));

        JsonNode apologised = call(e, caller, "+15550001111", "second", 2);
        assertThat(apologised.get("outcome").asText()).as("the call went on").isEqualTo("caller_hangup");
        JsonNode error = apologised.get("provider_errors").get(0);
        assertThat(error).as("%s", apologised).isNotNull();
        assertThat(error.get("code").asText()).isEqualTo("UNAVAILABLE");
        assertThat(error.get("provider").asText()).isEqualTo(remote);
        assertThat(error.get("action").asText()).isEqualTo("apologized");

        JsonNode ended = call(e, caller, "+15550002222", "third", 3);
        assertThat(ended.get("outcome").asText()).as("ended politely: %s", ended).isEqualTo("agent_hangup");
        assertThat(ended.get("provider_errors").get(0).get("action").asText()).isEqualTo("hung_up");
      }
    } finally {
      providers.destroyForcibly();
    }
  }

  private JsonNode call(EngineFixture e, Path caller, String number, String name, int nth) throws Exception {
    Path heard = Files.createDirectories(dir.resolve("heard-" + name));
    Processes.Result r = Baresip.call(dir, caller, heard, e.sipPort(), number, Duration.ofSeconds(35));
    assertThat(r.output()).as(r.output()).contains("Call established");
    JsonNode listed = e.awaitCalls("?status=completed", Duration.ofSeconds(20), d -> d.size() == nth);
    return e.api.get("/v1/calls/" + listed.get("data").get(0).get("id").asText());
  }

  private static List<String> texts(JsonNode call) {
    List<String> out = new ArrayList<>();
    call.get("transcript").forEach(t -> out.add(t.get("text").asText().toLowerCase(Locale.ROOT)));
    return out;
  }

  private Process startProviders() throws Exception {
    Path log = dir.resolve("providers.log");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(EngineProcess.LEAK_DETECTION);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.voiceengine.server.Main", "providers",
        "serve", "--port", "0"));
    return new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(log.toFile()).start();
  }

  private int providersPort(Process p) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (java.io.IOException ex) {
        return null;
      }
    }).get(60, TimeUnit.SECONDS);
    assertThat(line).as("ready line; log:\n%s", Files.readString(dir.resolve("providers.log"))).isNotNull();
    JsonNode ready = new ObjectMapper().readTree(line);
    assertThat(ready.get("event").asText()).isEqualTo("providers_ready");
    return ready.get("port").asInt();
  }

}
