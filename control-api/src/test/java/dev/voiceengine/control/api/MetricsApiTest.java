package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics serves what the engine renders, freshly on each request, and only to holders of an API key. */
class MetricsApiTest {
  @TempDir Path dir;

  @Test
  void servesTheRenderedMetricsBehindTheKeys() throws Exception {
    AtomicInteger scrapes = new AtomicInteger();
    ControlSettings settings = new ControlSettings(dir, null, "127.0.0.1", 0, List.of("ve_k"),
        () -> "# TYPE voice_calls_active gauge\nvoice_calls_active " + scrapes.incrementAndGet() + "\n");
    try (ControlPlane plane = ControlPlane.start(settings)) {
      HttpTestClient http = new HttpTestClient(plane.httpPort(), "ve_k");
      HttpTestClient.Response first = http.get("/metrics");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.headers().firstValue("content-type")).hasValueSatisfying(
          type -> assertThat(type).startsWith("text/plain").contains("version=0.0.4"));
      assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("voice_calls_active 1");
      assertThat(new String(http.get("/metrics").body(), StandardCharsets.UTF_8)).contains("voice_calls_active 2");

      HttpTestClient anonymous = new HttpTestClient(plane.httpPort(), null);
      assertThat(anonymous.get("/metrics").status()).isEqualTo(401);
      assertThat(new HttpTestClient(plane.httpPort(), "ve_wrong").get("/metrics").status()).isEqualTo(401);
      assertThat(scrapes).hasValue(2);
    }
  }

  @Test
  void noMetricsEndpointWithoutARenderer() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of("ve_k")))) {
      assertThat(new HttpTestClient(plane.httpPort(), "ve_k").get("/metrics").status()).isEqualTo(404);
    }
  }
}
