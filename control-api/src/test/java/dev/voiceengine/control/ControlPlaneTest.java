package dev.voiceengine.control;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public facade end to end: start, events from many threads, flush, restart, keys. */
class ControlPlaneTest {
  @TempDir Path dir;

  static JsonNode get(ControlPlane plane, String key, String path) throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plane.httpPort() + path))
        .header("Authorization", "Bearer " + key).build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  static String id(int thread, int n) {
    return new UUID(thread + 1, n).toString();
  }

  @Test
  void eventsFromManyThreadsAreAllStoredAndAFreshStartGeneratesAKey() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, null, 0, List.of()))) {
      assertThat(plane.httpPort()).isPositive();
      Path keyFile = plane.generatedKeyFile();
      assertThat(keyFile).isEqualTo(dir.toAbsolutePath().resolve("api-key"));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
      String key = Files.readString(keyFile).strip();

      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        Thread producer = new Thread(() -> {
          for (int n = 0; n < 50; n++) {
            String id = id(thread, n);
            plane.accept(offered(id, T0.plusSeconds(n)));
            plane.accept(answered(id, T0.plusSeconds(n + 1), ""));
            plane.accept(ended(id, T0.plusSeconds(n + 9), "caller_hangup", 0, "", 0));
          }
        });
        producer.start();
        threads.add(producer);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      // A loaded machine may need more than one flush period for 600 events: wait, bounded.
      for (int i = 0; i < 6; i++) {
        plane.flush();
        if (get(plane, key, "/v1/calls?status=completed&limit=1").get("pagination").get("total").asLong() == 200) {
          break;
        }
      }

      JsonNode completed = get(plane, key, "/v1/calls?status=completed&limit=1");
      assertThat(completed.get("pagination").get("total").asLong()).isEqualTo(200);
      assertThat(get(plane, key, "/v1/calls?limit=1").get("pagination").get("total").asLong()).isEqualTo(200);
    }
  }

  @Test
  void aRestartFailsTheCallsThePreviousRunLeftOpenAndKeepsTheKey() throws Exception {
    String ringing = id(0, 1);
    String live = id(0, 2);
    String done = id(0, 3);
    String key;
    ControlPlane first = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of()));
    key = Files.readString(first.generatedKeyFile()).strip();
    first.accept(offered(ringing, T0));
    first.accept(offered(live, T0));
    first.accept(answered(live, T0.plusSeconds(1), "recordings/" + live + ".wav"));
    first.accept(offered(done, T0));
    first.accept(ended(done, T0.plusSeconds(1), "rejected", 404, "", 0));
    first.close();
    first.close();

    try (ControlPlane second = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of()))) {
      assertThat(second.generatedKeyFile()).as("a key exists already").isNull();
      for (String id : List.of(ringing, live)) {
        JsonNode call = get(second, key, "/v1/calls/" + id);
        assertThat(call.get("status").asText()).isEqualTo("failed");
        assertThat(call.get("outcome").asText()).isEqualTo("engine_restart");
        assertThat(call.get("ended_at").isNull()).isFalse();
      }
      assertThat(get(second, key, "/v1/calls/" + live).get("recording_url").asText())
          .isEqualTo("/v1/calls/" + live + "/recording");
      JsonNode rejected = get(second, key, "/v1/calls/" + done);
      assertThat(rejected.get("outcome").asText()).isEqualTo("rejected");
      assertThat(rejected.get("sip_status").asInt()).isEqualTo(404);
    }
  }

  @Test
  void aSecondControlPlaneOnTheSameDataFolderIsRefusedAndChangesNothing() throws Exception {
    String live = id(0, 7);
    try (ControlPlane first = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of()))) {
      String key = Files.readString(first.generatedKeyFile()).strip();
      first.accept(offered(live, T0));
      first.accept(answered(live, T0.plusSeconds(1), "recordings/" + live + ".wav"));
      first.flush();
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of())))
          .isInstanceOf(java.io.IOException.class).hasMessageContaining("in use by another running engine");
      assertThat(get(first, key, "/v1/calls/" + live).get("status").asText()).isEqualTo("in-progress");
    }
    ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of())).close(); // released at close
  }

  @Test
  void eventsKeptOnDiskByAPreviousRunAreStoredAtStart() throws Exception {
    String call = id(0, 8);
    Files.createDirectories(dir);
    dev.voiceengine.control.events.PendingEvents kept =
        new dev.voiceengine.control.events.PendingEvents(dir.resolve(ControlPlane.PENDING_EVENTS_FILE));
    kept.append(offered(call, T0));
    kept.append(answered(call, T0.plusSeconds(1), ""));
    kept.append(ended(call, T0.plusSeconds(5), "caller_hangup", 0, "", 0));
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of()))) {
      String key = Files.readString(plane.generatedKeyFile()).strip();
      JsonNode stored = get(plane, key, "/v1/calls/" + call);
      assertThat(stored.get("status").asText()).isEqualTo("completed");
      assertThat(stored.get("outcome").asText()).isEqualTo("caller_hangup");
    }
    assertThat(dir.resolve(ControlPlane.PENDING_EVENTS_FILE)).doesNotExist();
  }

  @Test
  void aConfiguredKeyWorksAndNoKeyIsGenerated() throws Exception {
    try (ControlPlane plane = ControlPlane.start(
        new ControlSettings(dir, null, "127.0.0.1", 0, List.of("ve_from_config")))) {
      assertThat(plane.generatedKeyFile()).isNull();
      assertThat(Files.exists(dir.resolve("api-key"))).isFalse();
      assertThat(get(plane, "ve_from_config", "/v1/calls").get("data")).isEmpty();
    }
  }

  @Test
  void anExplicitJdbcUrlIsUsed() throws Exception {
    Path db = dir.resolve("elsewhere.db");
    try (ControlPlane plane = ControlPlane.start(
        new ControlSettings(dir.resolve("data"), "jdbc:sqlite:" + db, "127.0.0.1", 0, List.of("ve_k")))) {
      plane.accept(offered(id(0, 0), T0));
      plane.flush();
      assertThat(get(plane, "ve_k", "/v1/calls").get("data")).hasSize(1);
    }
    assertThat(Files.exists(db)).isTrue();
    assertThat(Files.exists(dir.resolve("data").resolve("calls.db"))).isFalse();
  }
}
