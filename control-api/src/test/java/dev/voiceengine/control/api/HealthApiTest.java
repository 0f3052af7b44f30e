package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.health.PartHealth;
import dev.voiceengine.control.health.ReadinessCheck;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /healthz tells the truth about the store and registered parts, without a key; /healthz/live stays cheap. */
class HealthApiTest {
  @TempDir Path dir;

  @Test
  void readyWithAWritableStoreAnd503NamingWhatIsDown() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of("ve_k")))) {
      HttpTestClient anonymous = new HttpTestClient(plane.httpPort(), null);
      HttpTestClient.Response ready = anonymous.get("/healthz");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.header("cache-control")).isEqualTo("no-store");
      assertThat(ready.json().get("status").asText()).isEqualTo("ok");
      assertThat(ready.json().get("checks").get("store").get("status").asText()).isEqualTo("up");
      assertThat(anonymous.send("HEAD", "/healthz", null, Map.of()).status()).isEqualTo(200);

      AtomicBoolean listening = new AtomicBoolean(false);
      plane.readiness().register(new ReadinessCheck() {
        @Override
        public String name() {
          return "sip";
        }

        @Override
        public PartHealth check() {
          return listening.get() ? PartHealth.ok() : PartHealth.down("not listening");
        }
      });
      JsonNode down = awaitStatus(anonymous, 503).json();
      assertThat(down.get("status").asText()).isEqualTo("unavailable");
      assertThat(down.get("checks").get("sip").get("status").asText()).isEqualTo("down");
      assertThat(down.get("checks").get("sip").get("detail").asText()).isEqualTo("not listening");
      assertThat(down.get("checks").get("store").get("status").asText()).isEqualTo("up");
      assertThat(down.get("error").get("code").asText()).isEqualTo("unavailable");
      assertThat(down.get("error").get("message").asText()).isEqualTo("not ready: sip");

      HttpTestClient.Response live = anonymous.get("/healthz/live");
      assertThat(live.status()).as("alive while not ready").isEqualTo(200);
      assertThat(live.json().get("status").asText()).isEqualTo("ok");

      listening.set(true);
      assertThat(awaitStatus(anonymous, 200).json().get("checks").get("sip").get("status").asText())
          .isEqualTo("up");
    }
  }

  @Test
  void aStoreThatCannotTakeAWriteIsDown() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of("ve_k")))) {
      HttpTestClient anonymous = new HttpTestClient(plane.httpPort(), null);
      assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
      // another process holding the write lock (a backup, a shell left in a transaction): the writer could not write
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("calls.db"));
          Statement s = other.createStatement()) {
        s.execute("BEGIN EXCLUSIVE");
        JsonNode down = awaitStatus(anonymous, 503).json();
        assertThat(down.get("checks").get("store").get("status").asText()).isEqualTo("down");
        assertThat(down.get("error").get("message").asText()).isEqualTo("not ready: store");
        s.execute("ROLLBACK");
      }
      assertThat(awaitStatus(anonymous, 200).json().get("checks").get("store").get("status").asText())
          .isEqualTo("up");
    }
  }

  @Test
  void aMissingProbeTableIsDown() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of("ve_k")))) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("calls.db"));
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE store_probe");
      }
      JsonNode down = awaitStatus(new HttpTestClient(plane.httpPort(), null), 503).json();
      assertThat(down.get("checks").get("store").get("detail").asText()).isEqualTo("not writable");
    }
  }

  /** Results are reused for a second, so a change shows within about that: poll until it does. */
  private static HttpTestClient.Response awaitStatus(HttpTestClient http, int status) {
    HttpTestClient.Response[] last = new HttpTestClient.Response[1];
    Await.until(() -> (last[0] = http.get("/healthz")).status() == status, "/healthz " + status);
    return last[0];
  }
}
