package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.proto.control.v1.Direction;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/usage} over calls stored through the control plane's own event path. */
class UsageApiTest {
  static final String KEY = "ve_usage_key";
  /** Late on a UTC day, so that a call starting one second before midnight belongs to this day. */
  static final Instant DAY1 = Instant.parse("2025-06-03T23:59:59Z");
  static final Instant DAY2 = Instant.parse("2025-06-04T00:00:00Z");

  @TempDir static Path dir;
  static ControlPlane plane;
  static HttpTestClient http;
  static int next;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)));
    http = new HttpTestClient(plane.httpPort(), KEY);
    call(DAY1, Direction.INBOUND, 90);
    call(DAY1, Direction.INBOUND, 30);
    call(DAY1, Direction.OUTBOUND, 61);
    call(DAY1, Direction.OUTBOUND, -1);
    call(DAY2, Direction.INBOUND, 45);
    call(DAY2.plusSeconds(3600 * 24 * 30), Direction.INBOUND, 600);
    call(Instant.now(), Direction.OUTBOUND, 120);
    plane.flush();
  }

  /** A call that starts at {@code at}, answered a second later and connected for {@code seconds} (-1: never). */
  static void call(Instant at, Direction direction, int seconds) {
    String id = new UUID(0x5000, next++).toString();
    plane.accept(offered(id, at, direction, "+15550001", "+15550002", "agent-a"));
    if (seconds >= 0) {
      plane.accept(answered(id, at.plusSeconds(1), ""));
      plane.accept(ended(id, at.plusSeconds(1 + seconds), "caller_hangup", 0, "", 0));
    } else {
      plane.accept(ended(id, at.plusSeconds(20), "no_answer", 480, "", 0));
    }
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  static List<String> rows(JsonNode body) {
    List<String> rows = new ArrayList<>();
    body.get("data").forEach(r -> rows.add(r.get("day").asText() + " " + r.get("direction").asText() + " "
        + r.get("calls").asInt() + " " + r.get("answered").asInt() + " "
        + String.format(java.util.Locale.ROOT, "%.2f", r.get("minutes").asDouble())));
    return rows;
  }

  @Test
  void minutesPerUtcDayAndDirection() {
    HttpTestClient.Response r = http.get("/v1/usage?from=2025-06-03&to=2025-06-04");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("from").asText()).isEqualTo("2025-06-03");
    assertThat(body.get("to").asText()).isEqualTo("2025-06-04");
    assertThat(rows(body)).containsExactly(
        "2025-06-03 inbound 2 2 2.00",
        "2025-06-03 outbound 2 1 1.02",
        "2025-06-04 inbound 1 1 0.75");
  }

  @Test
  void bothDaysAreInclusiveAndOtherDaysAreLeftOut() {
    assertThat(rows(http.get("/v1/usage?from=2025-06-04&to=2025-06-04").json()))
        .containsExactly("2025-06-04 inbound 1 1 0.75");
    assertThat(rows(http.get("/v1/usage?from=2025-06-05&to=2025-07-03").json())).isEmpty();
    assertThat(rows(http.get("/v1/usage?from=2025-06-05&to=2025-07-04").json()))
        .containsExactly("2025-07-04 inbound 1 1 10.00");
    assertThat(rows(http.get("/v1/usage?from=2024-01-01&to=2024-12-31").json())).isEmpty();
  }

  @Test
  void theDefaultIsTheLastThirtyDays() {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    JsonNode body = http.get("/v1/usage").json();
    assertThat(body.get("to").asText()).isEqualTo(today.toString());
    assertThat(body.get("from").asText()).isEqualTo(today.minusDays(29).toString());
    assertThat(rows(body)).anyMatch(row -> row.endsWith("outbound 1 1 2.00"));
    assertThat(http.get("/v1/usage?from=2025-06-03").json().get("to").asText()).isEqualTo("2025-07-02");
  }

  @Test
  void badParametersAre400sNamingThem() {
    for (String[] bad : new String[][] {
        {"from=2026-13-01", "from"}, {"to=2026-02-30", "to"}, {"from=yesterday", "from"},
        {"to=2025-06-04T00:00:00Z", "to"}, {"from=+12026-01-01", "from"}, {"from=", "from"},
        {"from=2025-06-05&to=2025-06-04", "to"}, {"from=2024-01-01&to=2025-01-01", "to"},
        {"day=2025-06-04", "day"}, {"from=2026-12-01&from=2026-12-02", "from"}}) {
      HttpTestClient.Response r = http.get("/v1/usage?" + bad[0]);
      assertThat(r.status()).as(bad[0]).isEqualTo(400);
      assertThat(r.json().get("error").get("field").asText()).as(bad[0]).isEqualTo(bad[1]);
    }
    assertThat(http.get("/v1/usage?from=2024-01-01&to=2024-12-31").status()).as("366 days").isEqualTo(200);
  }
}
