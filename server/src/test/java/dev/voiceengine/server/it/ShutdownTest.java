package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.testsupport.audio.Sox;
import dev.voiceengine.testsupport.process.Processes;
import dev.voiceengine.testsupport.sip.Sipp;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README promises about stopping and starting the engine process. */
class ShutdownTest {
  @TempDir Path dir;

  @Test
  void sigtermDrainsALiveCallWithByeAndWritesItsRecordAndRecording() throws Exception {
    CompletableFuture<Processes.Result> caller;
    try (EngineProcess engine = EngineProcess.start(dir)) {
      JsonNode ready = engine.ready();
      Api api = engine.api(ready);
      Path scenario = SippScenario.write(dir, "/sipp/uac_silent_wait_bye.xml");
      int sipPort = ready.get("sip_port").asInt();
      caller = CompletableFuture.supplyAsync(() -> {
        try {
          return Sipp.run(dir, sipPort, Duration.ofSeconds(40), "-sf", scenario.toString(), "-s", "agent", "-m", "1");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      CrashRecoveryTest.awaitInProgress(api);
      Thread.sleep(2000); // some greeting goes out and is recorded
      engine.process.destroy(); // SIGTERM
      assertThat(engine.awaitExit(30)).as("exit code after SIGTERM; log:\n%s", engine.log()).isEqualTo(143);
      assertThat(engine.log()).contains("engine stopped");
    }
    Processes.Result sipp = caller.get(60, TimeUnit.SECONDS);
    assertThat(sipp.exitCode()).as("the caller got a BYE and answered it; sipp:\n%s", sipp.output())
        .isZero();

    try (EngineFixture restarted = EngineFixture.start(dir)) {
      JsonNode call = restarted.api.get("/v1/calls").get("data").get(0);
      assertThat(call.get("status").asText()).isEqualTo("completed");
      assertThat(call.get("outcome").asText()).isEqualTo("engine_shutdown");
      double duration = call.get("duration_seconds").asDouble();
      assertThat(duration).isGreaterThan(1.5);
      Path wav = dir.resolve("call.wav");
      assertThat(restarted.api.download(call.get("recording_url").asText(), wav).statusCode()).isEqualTo(200);
      assertThat(Sox.info(wav).seconds()).isCloseTo(duration, within(1.0));
      assertThat(Sox.activeSeconds(Sox.channel(wav, 2), 300)).as("greeting on the agent channel").isGreaterThan(1.0);
    }
  }

  @Test
  void aTakenHttpPortStopsTheStartWithAMessageNamingIt() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        EngineProcess engine = EngineProcess.start(dir, "--http-port", String.valueOf(taken.getLocalPort()))) {
      assertThat(engine.awaitExit(60)).as("exit code; log:\n%s", engine.log()).isEqualTo(1);
      assertThat(engine.log()).contains("voice-engine: cannot start: cannot listen for HTTP on 127.0.0.1:"
          + taken.getLocalPort()).doesNotContain("\tat ");
    }
  }

  @Test
  void aTakenSipPortStopsTheStartWithAMessageNamingIt() throws Exception {
    try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        EngineProcess engine = EngineProcess.start(dir, "--sip-port", String.valueOf(taken.getLocalPort()))) {
      assertThat(engine.awaitExit(60)).as("exit code; log:\n%s", engine.log()).isEqualTo(1);
      assertThat(engine.log()).contains("voice-engine: cannot start: ")
          .contains("127.0.0.1:" + taken.getLocalPort()).doesNotContain("\tat ");
    }
  }
}
