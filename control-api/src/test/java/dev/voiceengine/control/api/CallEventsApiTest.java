package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.TestEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/calls/{id}/events}: stored events, then live ones, until call.ended; Last-Event-ID resumes. */
class CallEventsApiTest {
  static final String KEY = "ve_sse_key";
  static final String ID = "00000000-0000-0000-0000-0000000000b1";
  static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  ControlPlane plane;
  HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)));
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  record Frame(long id, String type, JsonNode data) {}

  HttpResponse<Stream<String>> open(String id, String lastEventId) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + plane.httpPort() + "/v1/calls/" + id + "/events"))
        .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(20));
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofLines());
  }

  /** The next {@code n} events of the stream (comments skipped). */
  static List<Frame> frames(Iterator<String> lines, int n) throws Exception {
    List<Frame> frames = new ArrayList<>();
    long id = -1;
    String type = null;
    while (frames.size() < n && lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("id: ")) {
        id = Long.parseLong(line.substring(4));
      } else if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        frames.add(new Frame(id, type, MAPPER.readTree(line.substring(6))));
      }
    }
    return frames;
  }

  @Test
  void replaysThenFollowsLiveEventsAndEndsAtCallEnded() throws Exception {
    plane.accept(TestEvents.offered(ID, T0));
    plane.accept(TestEvents.answered(ID, T0.plusSeconds(1), ""));
    plane.flush();

    HttpResponse<Stream<String>> response = open(ID, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("text/event-stream"));
    Iterator<String> lines = response.body().iterator();
    List<Frame> replayed = frames(lines, 2);
    assertThat(replayed).extracting(Frame::type).containsExactly("call.offered", "call.answered");

    plane.accept(TestEvents.callerTurn(ID, T0.plusSeconds(3), 0, "I need a table", 100, 900, 10, 20, 30, 40, 50));
    plane.accept(TestEvents.ended(ID, T0.plusSeconds(9), "caller_hangup", 0, "", 0));
    List<Frame> live = frames(lines, 2);
    assertThat(live).extracting(Frame::type).containsExactly("turn.completed", "call.ended");
    assertThat(live.get(0).data().get("turn").get("text").asText()).isEqualTo("I need a table");
    assertThat(live.get(0).data().get("call_id").asText()).isEqualTo(ID);
    assertThat(live.get(1).data().get("ended").get("outcome").asText()).isEqualTo("caller_hangup");
    List<Long> ids = Stream.concat(replayed.stream(), live.stream()).map(Frame::id).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(live.get(1).data().get("id").asLong()).isEqualTo(ids.get(3));
    while (lines.hasNext()) {
      assertThat(lines.next()).as("nothing after call.ended").isEmpty();
    }

    // Reconnecting after the answer gives the rest; after the end, an ended call's stream closes at once.
    Iterator<String> resumed = open(ID, Long.toString(ids.get(1))).body().iterator();
    assertThat(frames(resumed, 5)).extracting(Frame::type).containsExactly("turn.completed", "call.ended");
    Iterator<String> finished = open(ID, Long.toString(ids.get(3))).body().iterator();
    assertThat(frames(finished, 1)).isEmpty();
  }

  @Test
  void unknownCallsBadHeadersAndMissingKeysAreClientErrors() throws Exception {
    assertThat(open("00000000-0000-0000-0000-0000000000ff", null).statusCode()).isEqualTo(404);
    assertThat(open("not-a-uuid", null).statusCode()).isEqualTo(400);
    plane.accept(TestEvents.offered(ID, T0));
    plane.flush();
    assertThat(open(ID, "x7").statusCode()).isEqualTo(400);
    HttpTestClient anonymous = new HttpTestClient(plane.httpPort(), null);
    assertThat(anonymous.send("GET", "/v1/calls/" + ID + "/events", null, Map.of()).status()).isEqualTo(401);
    HttpTestClient.Response options = new HttpTestClient(plane.httpPort(), KEY)
        .send("OPTIONS", "/v1/calls/" + ID + "/events", KEY, Map.of());
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void anIdleStreamGetsHeartbeatComments() throws Exception {
    plane.accept(TestEvents.offered(ID, T0));
    plane.flush();
    plane.close();
    // Served alone with a short heartbeat: the comment line must come while nothing happens.
    var database = dev.voiceengine.control.store.Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    var queries = new dev.voiceengine.control.store.CallQueries(database);
    var service = new CallEventsService(queries, new dev.voiceengine.control.events.CallEventBus(),
        new dev.voiceengine.control.store.CallEventLog(database), Duration.ofMillis(50), 16);
    try (ApiServer server = ApiServer.start("127.0.0.1", 0, queries,
        new dev.voiceengine.control.auth.ApiKeyVerifier(List.of(dev.voiceengine.control.auth.ApiKeys.hashHex(KEY))),
        dir, null, List.of(), new dev.voiceengine.control.health.Readiness(), null, null,
        List.of(CallEventsService.routes(service)))) {
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.port() + "/v1/calls/" + ID + "/events"))
          .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(20)).build();
      HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
      assertThat(response.statusCode()).isEqualTo(200);
      Iterator<String> lines = response.body().iterator();
      List<String> seen = new ArrayList<>();
      while (lines.hasNext() && seen.size() < 10 && !seen.contains(": heartbeat")) {
        seen.add(lines.next());
      }
      assertThat(seen).as("the offer replayed, then a heartbeat").startsWith("id: 1", "event: call.offered")
          .contains(": heartbeat");
    }
  }
}
