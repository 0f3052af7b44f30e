package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.testsupport.audio.Sox;
import dev.voiceengine.testsupport.audio.SpeechFiles;
import dev.voiceengine.testsupport.sip.Sipp;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as a separate process killed with SIGKILL in the middle of a call: the WAV left behind must be readable
 * by sox, and the next start must close the orphaned record.
 */
class CrashRecoveryTest {
  @TempDir Path dir;

  @Test
  void sigkillDuringACallLeavesAReadableRecordingAndRestartClosesTheRecord() throws Exception {
    Sipp sipp = null;
    try (EngineProcess engine = EngineProcess.start(dir)) {
      JsonNode ready = engine.ready();
      assertThat(ready.get("data_dir").asText()).isEqualTo(engine.dataDir.toAbsolutePath().toString());
      Api api = engine.api(ready);

      Path ulaw = SpeechFiles.ulaw(dir, "This call will not end well for the engine process.", 1.0);
      Path scenario = SippScenario.write(dir, "/sipp/uac_pcmu_stream.xml", "ULAW_FILE", ulaw.toString());
      sipp = Sipp.toEngine(dir, ready.get("sip_port").asInt(), Duration.ofSeconds(90), "-sf", scenario.toString(),
          "-s", "agent", "-m", "1", "-d", "60000").start();

      String id = awaitInProgress(api);
      Thread.sleep(3500); // let a few seconds of audio and header updates reach the file
      engine.process.destroyForcibly(); // SIGKILL on Linux: no shutdown hook runs
      assertThat(engine.awaitExit(20)).isEqualTo(137);

      Path wav = engine.dataDir.resolve("recordings").resolve(id + ".wav");
      Sox.Info info = Sox.info(wav);
      assertThat(info.channels()).isEqualTo(2);
      assertThat(info.rate()).isEqualTo(8000);
      assertThat(info.seconds()).isGreaterThan(1.5);
      assertThat(Sox.channel(wav, 1).length).isGreaterThan(8000);
    } finally {
      if (sipp != null) {
        sipp.close();
      }
    }

    try (EngineFixture restarted = EngineFixture.start(dir)) {
      JsonNode call = restarted.api.get("/v1/calls").get("data").get(0);
      assertThat(call.get("status").asText()).isEqualTo("failed");
      assertThat(call.get("outcome").asText()).isEqualTo("engine_restart");
      assertThat(call.get("recording_url").isNull()).isFalse();
    }
  }

  static String awaitInProgress(Api api) throws Exception {
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
}
