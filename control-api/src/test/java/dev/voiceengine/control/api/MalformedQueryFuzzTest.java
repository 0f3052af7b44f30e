package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeded random garbage in query strings and paths: always a JSON answer below 500, never a crash. */
class MalformedQueryFuzzTest {
  static final String KEY = "ve_test_key_for_fuzzing";
  static final long SEED = 20250301L;
  static final List<String> NAMES = List.of("limit", "offset", "direction", "status", "agent_id", "from", "to",
      "start_date", "end_date", "include", "format", "outcome", "sentiment", "campaign_id", "batch_id", "contact_id",
      "phone_number", "search", "tags", "created_after", "created_before", "order_by", "order", "cursor", "fields",
      "most_recent", "went_to_voicemail");
  static final List<String> SEEDS = List.of("0", "1", "20", "100", "101", "-1", "+5", "1e3", "0x10", "١٢",
      "99999999999999999999", "inbound", "outbound", "INBOUND", "in-progress", "completed", "ringing", "failed",
      "2025-03-01T00:00:00Z", "2025-03-01", "2025-02-30", "2025-03-01T00:00:00+25:00", "+999999999-12-31T23:59:59Z",
      "-0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2025-03-01T24:00:00Z", "now", "null", "true",
      "' OR 1=1 --", "\"; DROP TABLE calls; --", "%", "%%", "transcript", "transcript,transcript", "json",
      "srt", "vtt", "light", "full",
      "metrics,diagnostics,analysis", "duration", "ended_at", "asc", "desc", "negative", "billing,vip", "c1.e30",
      "c1.eyJmIjoieCIsImsiOjEsImkiOiJ5In0", ",", "\u0000", "\uD83D\uDE00", " ", "\t\n", "../../etc");

  @TempDir static Path dir;
  static ControlPlane plane;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)));
    http = new HttpTestClient(plane.httpPort(), KEY);
    for (int i = 0; i < 5; i++) {
      String id = new UUID(7, i).toString();
      plane.accept(offered(id, T0.plusSeconds(i)));
      plane.accept(ended(id, T0.plusSeconds(i + 5), "rejected", 480, "", 0));
    }
    plane.flush();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  static String value(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return SEEDS.get(random.nextInt(SEEDS.size()));
      case 1: {
        String base = SEEDS.get(random.nextInt(SEEDS.size()));
        StringBuilder mutated = new StringBuilder(base);
        for (int i = 0, n = 1 + random.nextInt(3); i < n && mutated.length() > 0; i++) {
          int at = random.nextInt(mutated.length());
          mutated.setCharAt(at, (char) (32 + random.nextInt(95)));
        }
        return mutated.toString();
      }
      case 2: {
        StringBuilder noise = new StringBuilder();
        for (int i = 0, n = random.nextInt(40); i < n; i++) {
          noise.appendCodePoint(random.nextInt(4) == 0 ? random.nextInt(0x3000) : 32 + random.nextInt(95));
        }
        return noise.toString();
      }
      case 3:
        return String.valueOf(random.nextLong());
      default:
        return "x".repeat(random.nextInt(3000));
    }
  }

  static String query(Random random) {
    StringBuilder query = new StringBuilder();
    for (int i = 0, n = random.nextInt(5); i < n; i++) {
      if (query.length() > 0) {
        query.append(random.nextInt(10) == 0 ? "&&" : "&");
      }
      String name = random.nextInt(6) == 0 ? value(random) : NAMES.get(random.nextInt(NAMES.size()));
      query.append(URLEncoder.encode(name, StandardCharsets.UTF_8));
      if (random.nextInt(12) != 0) {
        query.append('=').append(URLEncoder.encode(value(random), StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }

  static String path(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> "/v1/calls/" + URLEncoder.encode(value(random), StandardCharsets.UTF_8);
      case 1 -> "/v1/calls/" + URLEncoder.encode(value(random), StandardCharsets.UTF_8) + "/recording";
      case 2 -> "/v1/calls/" + new UUID(7, random.nextInt(8));
      case 3 -> "/v1/calls/" + new UUID(7, random.nextInt(8)) + "/transcript";
      default -> "/v1/calls";
    };
  }

  @Test
  void randomQueriesNeverCauseA500() {
    Random random = new Random(SEED);
    for (int i = 0; i < 1_500; i++) {
      String target = path(random) + "?" + query(random);
      HttpTestClient.Response response = http.get(target);
      assertThat(response.status()).as("seed %d, request %d: %s", SEED, i, target).isLessThan(500);
      JsonNode body = response.json();
      if (response.status() != 200) {
        JsonNode error = body.get("error");
        assertThat(error).as(target).isNotNull();
        assertThat(error.get("code").asText()).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
        if (error.get("code").asText().equals("invalid_parameter")) {
          assertThat(error.get("field").isTextual()).as(target).isTrue();
        }
      }
    }
  }

  @Test
  void malformedEscapesOnTheWireNeverCauseA500() throws Exception {
    for (String target : List.of("/v1/calls?limit=%zz", "/v1/calls?limit=%", "/v1/calls?%=1", "/v1/calls?from=%0",
        "/v1/calls?agent_id=%00", "/v1/calls?agent_id=%ff%fe", "/v1/calls?agent_id=%c3%28", "/v1/calls?=&=&",
        "/v1/calls?limit=1%00", "/v1/calls/%zz", "/v1/calls/%/recording", "/v1/calls?status=%E2%80%AEin-progress",
        "/v1/calls?" + "a=1&".repeat(2_000))) {
      int status = rawStatus(target);
      assertThat(status).as(target).isBetween(200, 499);
    }
  }

  /** Sends the request line as given (no client-side validation) and returns the response status. */
  static int rawStatus(String target) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", plane.httpPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + KEY
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        line.write(b);
      }
      String statusLine = line.toString(StandardCharsets.ISO_8859_1);
      assertThat(statusLine).as(target).startsWith("HTTP/1.1 ");
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
