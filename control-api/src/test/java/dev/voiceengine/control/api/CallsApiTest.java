package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static dev.voiceengine.control.TestEvents.withRecordingProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.proto.control.v1.Direction;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calls API over real HTTP against a real store, seeded through the event path. */
class CallsApiTest {
  static final String KEY = "ve_test_key_for_calls_api";
  /** The seed whose recording lost audio: completed, not the newest completed call. */
  static final int RECORDING_PROBLEM = 6;

  /** What the test seeded, to compute expected answers. */
  record Seed(String id, Instant startedAt, String direction, String agent, String status) {}

  @TempDir static Path dir;
  static ControlPlane plane;
  static HttpTestClient http;
  static final List<Seed> seeds = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)));
    http = new HttpTestClient(plane.httpPort(), KEY);
    for (int i = 0; i < 30; i++) {
      String id = new UUID(0x1000 + i, i).toString();
      Instant at = T0.plusSeconds(60L * i);
      boolean inbound = i % 2 == 0;
      String agent = i % 3 == 0 ? "agent-a" : "agent-b";
      plane.accept(offered(id, at, inbound ? Direction.INBOUND : Direction.OUTBOUND, "+1555000" + i, "+1666000",
          agent));
      String status = switch (i % 4) {
        case 0 -> "ringing";
        case 1 -> "in-progress";
        case 2 -> "completed";
        default -> "failed";
      };
      if (i % 4 == 1 || i % 4 == 2) {
        plane.accept(answered(id, at.plusSeconds(2), "recordings/" + id + ".wav"));
      }
      if (i == RECORDING_PROBLEM) {
        plane.accept(withRecordingProblem(ended(id, at.plusMillis(32_500), "caller_hangup", 0,
            "recordings/" + id + ".wav", 30.0), "the disk fell behind and audio was dropped", 1.5));
      } else if (i % 4 == 2) {
        plane.accept(ended(id, at.plusMillis(32_500), "caller_hangup", 0, "recordings/" + id + ".wav", 30.0));
      } else if (i % 4 == 3) {
        plane.accept(ended(id, at.plusSeconds(1), "rejected", 486, "", 0));
      }
      seeds.add(new Seed(id, at, inbound ? "inbound" : "outbound", agent, status));
    }
    plane.flush();
    seeds.sort(Comparator.comparing(Seed::startedAt).reversed());
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  static List<String> expected(Predicate<Seed> filter) {
    return seeds.stream().filter(filter).map(Seed::id).toList();
  }

  static List<String> ids(JsonNode list) {
    return StreamSupport.stream(list.get("data").spliterator(), false).map(c -> c.get("id").asText()).toList();
  }

  static void assertInvalid(String pathAndQuery, String field) {
    HttpTestClient.Response response = http.get(pathAndQuery);
    assertThat(response.status()).as(pathAndQuery).isEqualTo(400);
    JsonNode error = response.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_parameter");
    assertThat(error.get("field").asText()).as(pathAndQuery).isEqualTo(field);
    assertThat(error.get("message").asText()).isNotBlank();
  }

  @Test
  void healthNeedsNoKey() {
    HttpTestClient.Response response = http.send("GET", "/healthz", null, Map.of());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().get("status").asText()).isEqualTo("ok");
  }

  @Test
  void everythingUnderV1NeedsAKnownBearerKey() {
    for (String path : List.of("/v1/calls", "/v1/calls/" + seeds.get(0).id(),
        "/v1/calls/" + seeds.get(0).id() + "/recording")) {
      HttpTestClient.Response missing = http.send("GET", path, null, Map.of());
      assertThat(missing.status()).isEqualTo(401);
      assertThat(missing.header("www-authenticate")).startsWith("Bearer");
      assertThat(missing.json().get("error").get("code").asText()).isEqualTo("unauthorized");
      assertThat(missing.json().get("error").get("field").isNull()).isTrue();

      HttpTestClient.Response wrong = http.send("GET", path, "ve_wrong", Map.of());
      assertThat(wrong.status()).isEqualTo(401);
      assertThat(wrong.header("www-authenticate")).startsWith("Bearer").contains("invalid_token");

      HttpTestClient.Response basic = http.send("GET", path, null, Map.of("Authorization", "Basic " + KEY));
      assertThat(basic.status()).isEqualTo(401);
    }
  }

  @Test
  void listDefaultsToTwentyNewestFirst() {
    HttpTestClient.Response response = http.get("/v1/calls");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("content-type")).startsWith("application/json");
    JsonNode body = response.json();
    assertThat(ids(body)).isEqualTo(expected(s -> true).subList(0, 20));
    JsonNode pagination = body.get("pagination");
    assertThat(pagination.get("total").asLong()).isEqualTo(30);
    assertThat(pagination.get("limit").asInt()).isEqualTo(20);
    assertThat(pagination.get("offset").asLong()).isZero();
    assertThat(pagination.get("has_more").asBoolean()).isTrue();
    assertThat(pagination.has("next_cursor")).isTrue();
    assertThat(pagination.get("next_cursor").isNull()).isTrue();
  }

  @Test
  void pagesWithLimitAndOffset() {
    JsonNode last = http.get("/v1/calls?limit=12&offset=24").json();
    assertThat(ids(last)).isEqualTo(expected(s -> true).subList(24, 30));
    assertThat(last.get("pagination").get("has_more").asBoolean()).isFalse();
    JsonNode middle = http.get("/v1/calls?limit=12&offset=12").json();
    assertThat(ids(middle)).isEqualTo(expected(s -> true).subList(12, 24));
    assertThat(middle.get("pagination").get("has_more").asBoolean()).isTrue();
    JsonNode past = http.get("/v1/calls?offset=500").json();
    assertThat(ids(past)).isEmpty();
    assertThat(past.get("pagination").get("total").asLong()).isEqualTo(30);
    assertThat(past.get("pagination").get("has_more").asBoolean()).isFalse();
  }

  @Test
  void filtersByEachParameter() {
    assertThat(ids(http.get("/v1/calls?limit=100&direction=outbound").json()))
        .isEqualTo(expected(s -> s.direction().equals("outbound")));
    assertThat(ids(http.get("/v1/calls?limit=100&direction=inbound").json()))
        .isEqualTo(expected(s -> s.direction().equals("inbound")));
    for (String status : List.of("ringing", "in-progress", "completed", "failed")) {
      JsonNode body = http.get("/v1/calls?limit=100&status=" + status).json();
      assertThat(ids(body)).as(status).isEqualTo(expected(s -> s.status().equals(status)));
      assertThat(body.get("pagination").get("total").asLong()).isEqualTo(expected(s -> s.status().equals(status))
          .size());
    }
    assertThat(ids(http.get("/v1/calls?limit=100&agent_id=agent-a").json()))
        .isEqualTo(expected(s -> s.agent().equals("agent-a")));
    assertThat(ids(http.get("/v1/calls?limit=100&agent_id=nobody").json())).isEmpty();

    Instant from = T0.plusSeconds(60 * 5);
    Instant to = T0.plusSeconds(60 * 9);
    Predicate<Seed> inRange = s -> !s.startedAt().isBefore(from) && !s.startedAt().isAfter(to);
    assertThat(ids(http.get("/v1/calls?from=" + from + "&to=" + to).json())).isEqualTo(expected(inRange));
    assertThat(ids(http.get("/v1/calls?start_date=" + from + "&end_date=" + to).json()))
        .isEqualTo(expected(inRange));
    assertThat(ids(http.get("/v1/calls?limit=100&from=" + from).json()))
        .isEqualTo(expected(s -> !s.startedAt().isBefore(from)));
    assertThat(ids(http.get("/v1/calls?limit=100&end_date=2025-03-01").json()))
        .as("a plain date ends at the end of that day").hasSize(30);
    assertThat(ids(http.get("/v1/calls?to=2025-02-28").json())).isEmpty();

    assertThat(ids(http.get("/v1/calls?limit=100&direction=inbound&status=completed&agent_id=agent-b&from=" + from)
        .json())).isEqualTo(expected(s -> s.direction().equals("inbound") && s.status().equals("completed")
        && s.agent().equals("agent-b") && !s.startedAt().isBefore(from)));
  }

  @Test
  void badParametersAreRefusedNamingTheField() {
    assertInvalid("/v1/calls?limit=0", "limit");
    assertInvalid("/v1/calls?limit=101", "limit");
    assertInvalid("/v1/calls?limit=abc", "limit");
    assertInvalid("/v1/calls?offset=-1", "offset");
    assertInvalid("/v1/calls?direction=sideways", "direction");
    assertInvalid("/v1/calls?status=ended", "status");
    assertInvalid("/v1/calls?from=not-a-date", "from");
    assertInvalid("/v1/calls?to=2025-03-01T25:00:00Z", "to");
    assertInvalid("/v1/calls?start_date=2025-03-01T00:00:00", "start_date");
    assertInvalid("/v1/calls?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", "to");
    assertInvalid("/v1/calls?order=asc", "order");
    assertInvalid("/v1/calls?limit=1&limit=2", "limit");
    assertInvalid("/v1/calls?include=everything", "include");
    assertInvalid("/v1/calls/" + seeds.get(0).id() + "?include=recording", "include");
    assertInvalid("/v1/calls/" + seeds.get(0).id() + "?fields=full", "fields");
    assertInvalid("/v1/calls/" + seeds.get(0).id() + "/transcript?format=srt", "format");
    assertInvalid("/v1/calls/" + seeds.get(0).id() + "/transcript?format=", "format");
    assertInvalid("/v1/calls/" + seeds.get(0).id() + "/transcript?include=transcript", "include");
  }

  @Test
  void getsOneCallWithTheFullShape() {
    Seed seed = seeds.stream().filter(s -> s.status().equals("completed")).findFirst().orElseThrow();
    HttpTestClient.Response response = http.get("/v1/calls/" + seed.id());
    assertThat(response.status()).isEqualTo(200);
    JsonNode call = response.json();
    List<String> keys = new ArrayList<>();
    call.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("id", "sip_call_id", "direction", "from_number", "to_number", "agent_id",
        "trunk_id", "source", "codec", "status", "outcome", "error", "sip_status", "started_at", "answered_at",
        "ended_at", "duration_seconds", "recording_url", "recording_seconds", "recording_error",
        "recording_dropped_seconds", "transcript_url", "media", "created_at", "updated_at", "batch_id", "campaign_id",
        "first_message", "context", "metadata", "ringing_at", "sip_reason", "amd", "went_to_voicemail", "transfer",
        "contact", "analysis", "transcript", "metrics",
        "provider_usage", "provider_errors");
    assertThat(call.get("id").asText()).isEqualTo(seed.id());
    assertThat(call.get("status").asText()).isEqualTo("completed");
    assertThat(call.get("direction").asText()).isEqualTo(seed.direction());
    assertThat(call.get("agent_id").asText()).isEqualTo(seed.agent());
    assertThat(call.get("started_at").asText()).isEqualTo(seed.startedAt().toString().replace("Z", ".000Z"));
    assertThat(call.get("answered_at").asText()).isEqualTo(
        seed.startedAt().plusSeconds(2).toString().replace("Z", ".000Z"));
    assertThat(call.get("duration_seconds").asDouble()).isEqualTo(30.5);
    assertThat(call.get("outcome").asText()).isEqualTo("caller_hangup");
    assertThat(call.get("sip_status").isNull()).isTrue();
    assertThat(call.get("error").isNull()).isTrue();
    assertThat(call.get("recording_url").asText()).isEqualTo("/v1/calls/" + seed.id() + "/recording");
    assertThat(call.get("recording_seconds").asDouble()).isEqualTo(30.0);
    assertThat(call.get("recording_error").isNull()).isTrue();
    assertThat(call.get("recording_dropped_seconds").isNull()).isTrue();
    JsonNode media = call.get("media");
    assertThat(media.get("packets_in").asLong()).isEqualTo(100);
    assertThat(media.get("packets_lost").asLong()).isEqualTo(2);
    assertThat(media.get("jitter_ms").asDouble()).isEqualTo(4.5);
    assertThat(media.get("max_jitter_ms").asDouble()).isEqualTo(12.25);
    assertThat(media.get("dtmf_packets").asLong()).isEqualTo(7);
    assertThat(call.get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void aCallShowsWhatWentWrongWithItsRecording() {
    JsonNode call = http.get("/v1/calls/" + new UUID(0x1000 + RECORDING_PROBLEM, RECORDING_PROBLEM)).json();
    assertThat(call.get("status").asText()).isEqualTo("completed");
    assertThat(call.get("recording_error").asText()).isEqualTo("the disk fell behind and audio was dropped");
    assertThat(call.get("recording_dropped_seconds").asDouble()).isEqualTo(1.5);
    assertThat(call.get("recording_seconds").asDouble()).isEqualTo(30.0);
  }

  @Test
  void aRingingCallHasNullsWhereItHasNotGotYet() {
    Seed seed = seeds.stream().filter(s -> s.status().equals("ringing")).findFirst().orElseThrow();
    JsonNode call = http.get("/v1/calls/" + seed.id().toUpperCase()).json();
    assertThat(call.get("id").asText()).isEqualTo(seed.id());
    for (String field : List.of("answered_at", "ended_at", "duration_seconds", "recording_url", "media",
        "outcome")) {
      assertThat(call.get(field).isNull()).as(field).isTrue();
    }
  }

  @Test
  void aFailedCallCarriesItsSipStatus() {
    Seed seed = seeds.stream().filter(s -> s.status().equals("failed")).findFirst().orElseThrow();
    JsonNode call = http.get("/v1/calls/" + seed.id()).json();
    assertThat(call.get("sip_status").asInt()).isEqualTo(486);
    assertThat(call.get("outcome").asText()).isEqualTo("rejected");
    assertThat(call.get("duration_seconds").isNull()).isTrue();
  }

  @Test
  void unknownAndMalformedIds() {
    HttpTestClient.Response unknown = http.get("/v1/calls/" + new UUID(1, 1));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("not_found");
    assertThat(unknown.json().get("error").get("field").isNull()).isTrue();

    for (String bad : List.of("call_xyz789", "1-1-1-1-1", "00000000000000000000000000000000",
        "0000000g-0000-0000-0000-000000000000", "%20")) {
      HttpTestClient.Response response = http.get("/v1/calls/" + bad);
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.json().get("error").get("field").asText()).isEqualTo("id");
    }
  }

  @Test
  void headOnJsonResourcesGivesHeadersOnly() {
    HttpTestClient.Response head = http.send("HEAD", "/v1/calls", KEY, Map.of());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("content-type")).startsWith("application/json");
    assertThat(head.body()).isEmpty();
  }

  @Test
  void unknownPathsAndWrongMethodsAreJsonErrors() {
    HttpTestClient.Response unknown = http.send("GET", "/nope", null, Map.of());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("not_found");

    HttpTestClient.Response unknownV1 = http.get("/v1/agents");
    assertThat(unknownV1.status()).isEqualTo(404);
    assertThat(unknownV1.json().get("error").get("code").asText()).isEqualTo("not_found");

    for (String method : List.of("POST", "DELETE", "PUT", "PATCH")) {
      HttpTestClient.Response response = http.send(method, "/v1/calls", KEY, Map.of());
      assertThat(response.status()).as(method).isEqualTo(405);
      assertThat(response.json().get("error").get("code").asText()).isEqualTo("method_not_allowed");
      assertThat(response.header("allow")).as(method).isEqualTo("GET, HEAD, OPTIONS");
    }
  }
}
