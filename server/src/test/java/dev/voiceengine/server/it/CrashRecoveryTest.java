package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a separate process, started the way the launcher starts it, killed with SIGKILL in the middle of a
 * call: the WAV left behind must be readable by sox, and the next start must close the orphaned record.
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void sigkillDuringACallLeavesAReadableRecordingAndRestartClosesTheRecord() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("engine.log");
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-cp", System.getProperty("java.class.path"),
        "dev.voiceengine.server.Main", "run", "--sip-port", "0", "--http-port", "0", "--data-dir", data.toString()));
    Process engine = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(log.toFile()).start();
    Process sipp = null;
    try {
      JsonNode ready = readyLine(engine, log);
      assertThat(ready.get("event").asText()).isEqualTo("ready");
      assertThat(ready.get("data_dir").asText()).isEqualTo(data.toAbsolutePath().toString());
      Api api = new Api(ready.get("http_port").asInt(), Files.readString(data.resolve("api-key")).trim());

      Path ulaw = Speech.ulaw(dir, "This call will not end well for the engine process.", 1.0);
      Path scenario = Sipp.scenario(dir, "uac_pcmu_stream.xml", "ULAW_FILE", ulaw.toString());
      sipp = new ProcessBuilder("sipp", "127.0.0.1:" + ready.get("sip_port").asInt(), "-sf", scenario.toString(),
          "-s", "agent", "-i", "127.0.0.1", "-p", String.valueOf(Processes.freePort()), "-mi", "127.0.0.1",
          "-m", "1", "-d", "60000", "-nostdin").directory(dir.toFile())
          .redirectOutput(dir.resolve("sipp.log").toFile()).redirectErrorStream(true).start();

      String id = awaitInProgress(api);
      Thread.sleep(3500); // let a few seconds of audio and header updates reach the file
      engine.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
      assertThat(engine.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(engine.exitValue()).isEqualTo(137);

      Path wav = data.resolve("recordings").resolve(id + ".wav");
      Sox.Info info = Sox.info(wav);
      assertThat(info.channels()).isEqualTo(2);
      assertThat(info.rate()).isEqualTo(8000);
      assertThat(info.seconds()).isGreaterThan(1.5);
      assertThat(Sox.channel(wav, 1).length).isGreaterThan(8000);
    } finally {
      engine.destroyForcibly();
      if (sipp != null) {
        sipp.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }

    try (EngineFixture restarted = EngineFixture.start(dir)) {
      JsonNode call = restarted.api.get("/v1/calls").get("data").get(0);
      assertThat(call.get("status").asText()).isEqualTo("failed");
      assertThat(call.get("outcome").asText()).isEqualTo("engine_restart");
      assertThat(call.get("recording_url").isNull()).isFalse();
    }
  }

  private static String awaitInProgress(Api api) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      JsonNode data = api.get("/v1/calls?status=in-progress").get("data");
      if (data.size() == 1) {
        return data.get(0).get("id").asText();
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the call never became in-progress");
  }

  private static JsonNode readyLine(Process engine, Path log) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(engine.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (java.io.IOException e) {
        return null;
      }
    });
    String text = line.get(60, TimeUnit.SECONDS);
    assertThat(text).as("ready line; engine log:\n%s", Files.exists(log) ? Files.readString(log) : "").isNotNull();
    return new ObjectMapper().readTree(text);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
