package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.callerTurn;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.proto.control.v1.Direction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list's cursor, views and most_recent over HTTP; transcripts as SRT and WebVTT; operators' notes. */
class CallsListApiTest {
  static final String KEY = "ve_test_key_for_lists";
  static final String TALKED = new UUID(0x3000, 0).toString();
  static final int CALLS = 12;

  @TempDir static Path dir;
  static ControlPlane plane;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)));
    http = new HttpTestClient(plane.httpPort(), KEY);
    for (int i = 0; i < CALLS; i++) {
      String id = new UUID(0x3000, i).toString();
      plane.accept(offered(id, T0.plusSeconds(i), i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND,
          "+1555000" + i, "+1666000" + i, i % 3 == 0 ? "agent-a" : "agent-b"));
      plane.accept(answered(id, T0.plusSeconds(i + 1), ""));
      plane.accept(ended(id, T0.plusSeconds(i + 10 + i), "caller_hangup", 0, "", 0));
    }
    plane.accept(agentTurn(TALKED, T0.plusSeconds(3), 0, "Hello --> there", 400, 2_900, false, "Hello"));
    plane.accept(callerTurn(TALKED, T0.plusSeconds(5), 1, "book a\ntable", 3_500, 5_600, 500, 120, 310, 140,
        1_070));
    plane.accept(agentTurn(TALKED, T0.plusSeconds(9), 2, "Sure", 3_723_004, 3_724_000, true, "Sure thing"));
    plane.flush();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  static List<String> ids(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("data").forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }

  static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void cursorPagesWalkTheWholeListAndBelongToTheirFilters() {
    for (String query : List.of("order_by=duration&order=asc", "order_by=ended_at", "direction=inbound",
        "order_by=created_at&order=asc&agent_id=agent-b")) {
      List<String> all = ids(http.get("/v1/calls?limit=1000&" + query).json());
      List<String> walked = new ArrayList<>();
      JsonNode page = http.get("/v1/calls?limit=5&" + query).json();
      String first = page.get("pagination").get("next_cursor").asText();
      for (int guard = 0; guard < 20; guard++) {
        walked.addAll(ids(page));
        JsonNode next = page.get("pagination").get("next_cursor");
        assertThat(next.isNull()).isEqualTo(!page.get("pagination").get("has_more").asBoolean());
        if (next.isNull()) {
          break;
        }
        page = http.get("/v1/calls?limit=5&" + query + "&cursor=" + enc(next.asText())).json();
      }
      assertThat(walked).as(query).isEqualTo(all);
      HttpTestClient.Response moved = http.get("/v1/calls?status=completed&" + query + "&cursor=" + enc(first));
      assertThat(moved.status()).isEqualTo(400);
      assertThat(moved.json().get("error").get("field").asText()).isEqualTo("cursor");
    }
  }

  @Test
  void malformedCursorsAreOnly400s() {
    String good = http.get("/v1/calls?limit=2").json().get("pagination").get("next_cursor").asText();
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      char[] chars = good.toCharArray();
      for (int k = 0; k <= random.nextInt(4); k++) {
        chars[random.nextInt(chars.length)] = (char) (33 + random.nextInt(94));
      }
      String cursor = random.nextInt(5) == 0 ? good.substring(0, random.nextInt(good.length())) : new String(chars);
      HttpTestClient.Response r = http.get("/v1/calls?limit=2&cursor=" + enc(cursor));
      if (!cursor.equals(good)) {
        assertThat(r.status()).as(cursor).isIn(200, 400);
        if (r.status() == 400) {
          assertThat(r.json().get("error").get("field").asText()).isEqualTo("cursor");
        }
      }
    }
    String forged = "c1." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"f\":\"x\",\"k\":1.5,\"i\":\"y\"}".getBytes(StandardCharsets.UTF_8));
    assertThat(http.get("/v1/calls?cursor=" + forged).status()).isEqualTo(400);
  }

  @Test
  void viewsShapeTheCalls() {
    JsonNode light = http.get("/v1/calls?fields=light&limit=1").json().get("data").get(0);
    assertThat(keys(light)).containsExactly("id", "direction", "from_number", "to_number", "agent_id", "contact",
        "status", "outcome", "started_at", "answered_at", "ended_at", "duration_seconds");
    JsonNode included = http.get("/v1/calls?fields=light&include=transcript,metrics,diagnostics,analysis"
        + "&phone_number=%2B15550000").json().get("data").get(0);
    assertThat(keys(included)).endsWith("transcript", "metrics", "provider_usage", "provider_errors", "analysis");
    assertThat(included.get("transcript")).hasSize(3);
    JsonNode full = http.get("/v1/calls?limit=1").json().get("data").get(0);
    assertThat(keys(full)).contains("sip_call_id", "media", "contact", "analysis", "notes")
        .doesNotContain("transcript", "metrics", "provider_usage");
    JsonNode one = http.get("/v1/calls/" + TALKED + "?fields=light&include=transcript").json();
    assertThat(keys(one)).containsExactly("id", "direction", "from_number", "to_number", "agent_id", "contact",
        "status", "outcome", "started_at", "answered_at", "ended_at", "duration_seconds", "transcript");
    JsonNode whole = http.get("/v1/calls/" + TALKED).json();
    assertThat(keys(whole)).contains("notes", "transcript", "metrics", "provider_usage", "provider_errors");
  }

  @Test
  void mostRecentIsOneCallOr404() {
    JsonNode newest = http.get("/v1/calls?most_recent=true&agent_id=agent-a").json();
    assertThat(newest.get("id").asText()).isEqualTo(new UUID(0x3000, 9).toString());
    assertThat(http.get("/v1/calls?most_recent=true&agent_id=nobody").status()).isEqualTo(404);
    assertThat(http.get("/v1/calls?most_recent=true&limit=3").json().get("error").get("field").asText())
        .isEqualTo("limit");
    assertThat(ids(http.get("/v1/calls?search=6660007").json())).containsExactly(new UUID(0x3000, 7).toString());
  }

  static final Pattern CUE = Pattern.compile(
      "(\\d+)\\n(\\d\\d):(\\d\\d):(\\d\\d)[,.](\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d)[,.](\\d{3})\\n([^\\n]+)\\n\\n");

  static long ms(Matcher m, int group) {
    return Long.parseLong(m.group(group)) * 3_600_000 + Long.parseLong(m.group(group + 1)) * 60_000
        + Long.parseLong(m.group(group + 2)) * 1000 + Long.parseLong(m.group(group + 3));
  }

  @Test
  void subtitlesParseBackToTheTurns() {
    JsonNode turns = http.get("/v1/calls/" + TALKED + "/transcript").json().get("transcript");
    for (String format : List.of("srt", "vtt")) {
      HttpTestClient.Response r = http.get("/v1/calls/" + TALKED + "/transcript?format=" + format);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("content-disposition")).contains(TALKED + "." + format);
      String text = new String(r.body(), StandardCharsets.UTF_8);
      if (format.equals("vtt")) {
        assertThat(text).startsWith("WEBVTT\n\n");
        assertThat(r.header("content-type")).startsWith("text/vtt");
        text = text.substring("WEBVTT\n\n".length());
      }
      Matcher m = CUE.matcher(text);
      int cue = 0;
      int end = 0;
      while (m.find()) {
        assertThat(m.start()).as("cues follow each other").isEqualTo(end);
        end = m.end();
        JsonNode turn = turns.get(cue);
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(cue + 1);
        assertThat(ms(m, 2)).isEqualTo(turn.get("start_ms").asLong());
        assertThat(ms(m, 6)).isEqualTo(turn.get("end_ms").asLong());
        assertThat(m.group(10)).startsWith(turn.get("role").asText() + ": ").doesNotContain("-->");
        cue++;
      }
      assertThat(end).isEqualTo(text.length());
      assertThat(cue).isEqualTo(turns.size());
    }
    assertThat(TranscriptSubtitles.time(3_723_004, ',')).isEqualTo("01:02:03,004");
  }

  static HttpTestClient.Response post(String path, String body) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + plane.httpPort() + path))
        .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    return new HttpTestClient.Response(r.statusCode(), r.headers(), r.body());
  }

  @Test
  void notesAreAddedAndShownWithTheCall() throws Exception {
    String id = new UUID(0x3000, 4).toString();
    HttpTestClient.Response created = post("/v1/calls/" + id + "/notes", "{\"author\":\"ops\",\"text\":\"call back\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode note = created.json();
    assertThat(keys(note)).containsExactly("id", "call_id", "author", "text", "created_at");
    assertThat(note.get("text").asText()).isEqualTo("call back");
    assertThat(http.get("/v1/calls/" + id).json().get("notes")).containsExactly(note);
    assertThat(http.get("/v1/calls/" + id + "/notes").json().get("data")).containsExactly(note);
    assertThat(post("/v1/calls/" + new UUID(9, 9) + "/notes", "{\"author\":\"a\",\"text\":\"b\"}").status())
        .isEqualTo(404);
    for (Map.Entry<String, String> bad : Map.of("{\"author\":\"a\"}", "text", "{\"author\":\" \",\"text\":\"b\"}",
        "author", "{\"author\":\"a\",\"text\":\"b\",\"x\":1}", "x", "[1]", "body", "{", "body",
        "{\"author\":\"a\",\"text\":7}", "text").entrySet()) {
      HttpTestClient.Response r = post("/v1/calls/" + id + "/notes", bad.getKey());
      assertThat(r.status()).as(bad.getKey()).isEqualTo(400);
      assertThat(r.json().get("error").get("field").asText()).isEqualTo(bad.getValue());
    }
    HttpTestClient.Response options = http.send("OPTIONS", "/v1/calls/" + id + "/notes", KEY, Map.of());
    assertThat(options.status()).isEqualTo(204);
    assertThat(options.header("allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
    HttpTestClient.Response put = http.send("PUT", "/v1/calls/" + id + "/notes", KEY, Map.of());
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.header("allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
  }
}
