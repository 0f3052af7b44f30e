package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken store gives a bare 500 JSON error: no SQL, no exception names, no stack trace. */
class InternalErrorApiTest {
  @TempDir Path dir;

  @Test
  void aFailingStoreIsA500WithoutDetails() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of("ve_k")))) {
      try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("calls.db"));
          Statement s = c.createStatement()) {
        s.execute("DROP TABLE calls");
      }
      HttpTestClient http = new HttpTestClient(plane.httpPort(), "ve_k");
      for (String path : List.of("/v1/calls", "/v1/calls/00000000-0000-0000-0000-000000000001")) {
        HttpTestClient.Response response = http.get(path);
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().get("error").get("code").asText()).isEqualTo("internal");
        assertThat(response.json().get("error").get("message").asText()).isEqualTo("internal error");
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(body).doesNotContainIgnoringCase("sql").doesNotContain("Exception").doesNotContain("at dev.");
      }
      HttpTestClient.Response head = http.send("HEAD", "/healthz", null, Map.of());
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
    }
  }
}
