package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.testsupport.audio.SpeechFiles;
import dev.voiceengine.testsupport.process.Processes;
import dev.voiceengine.testsupport.sip.Sipp;
import dev.voiceengine.testsupport.sip.SippScenario;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics} read while a real call is up: the live-call gauge counts it, and every gauge the engine exports
 * (taken from the scrape, so a gauge added later is checked too) has a finite value.
 */
class MetricsDuringCallTest {
  @TempDir Path dir;

  @Test
  void everyGaugeIsFiniteWhileACallIsUp() throws Exception {
    try (EngineFixture e = EngineFixture.start(dir)) {
      Path ulaw = SpeechFiles.ulaw(dir, "Hello, I am calling about my appointment.", 0.5);
      Path scenario = SippScenario.write(dir, "/sipp/uac_pcmu_stream.xml", "ULAW_FILE", ulaw.toString());
      CompletableFuture<Processes.Result> caller = CompletableFuture.supplyAsync(() -> {
        try {
          return Sipp.run(dir, e.sipPort(), Duration.ofSeconds(60), "-sf", scenario.toString(), "-s", "agent",
              "-m", "1", "-d", "8000");
        } catch (Exception ex) {
          throw new IllegalStateException(ex);
        }
      });
      e.awaitMetrics(Duration.ofSeconds(30),
          m -> m.value("voice_calls_active") == 1 && m.value("voice_media_sessions") == 1);
      collectGarbage(); // a meter whose source only the meter refers to would read NaN from here on
      PrometheusText during = e.awaitMetrics(Duration.ofSeconds(5), m -> m.value("voice_media_sessions") == 1);
      assertThat(during.value("voice_calls_active")).isEqualTo(1.0);
      assertThat(new Api(e.engine.ready().httpPort(), "").status("/healthz").code()).as("ready during a call")
          .isEqualTo(200);

      List<PrometheusText.Sample> gauges = during.ofType("gauge");
      assertThat(gauges).extracting(PrometheusText.Sample::family)
          .contains("voice_calls_active", "voice_media_sessions", "voice_media_overloaded", "jvm_threads_live_threads");
      assertThat(gauges).allSatisfy(g -> assertThat(Double.isFinite(g.value())).as("%s = %s", g.series(), g.value())
          .isTrue());
      assertThat(during.ofType("counter")).allSatisfy(c -> assertThat(Double.isFinite(c.value()))
          .as("%s = %s", c.series(), c.value()).isTrue());

      Processes.Result sipp = caller.get();
      assertThat(sipp.exitCode()).as(sipp.output()).isZero();
    }
  }

  /** Runs the collector until a weakly held canary is gone, so weakly held meter sources are gone too. */
  private static void collectGarbage() {
    WeakReference<Object> canary = new WeakReference<>(new Object());
    for (int i = 0; i < 50 && canary.get() != null; i++) {
      System.gc();
    }
    assertThat(canary.get()).as("the collector ran").isNull();
  }
}
