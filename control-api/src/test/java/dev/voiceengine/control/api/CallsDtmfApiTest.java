package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.callerTurn;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Timestamp;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.DtmfReceived;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys a caller pressed, merged into the transcript export by time, over real HTTP. */
class CallsDtmfApiTest {
  static final String KEY = "ve_test_key_for_dtmf";
  static final String ID = new UUID(0x3000, 1).toString();
  static final Instant ANSWER = T0.plusSeconds(2);

  @TempDir static Path dir;
  static ControlPlane plane;
  static HttpTestClient http;

  @BeforeAll
  static void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)));
    http = new HttpTestClient(plane.httpPort(), KEY);
    plane.accept(offered(ID, T0));
    plane.accept(answered(ID, ANSWER, ""));
    plane.accept(agentTurn(ID, ANSWER.plusMillis(2_000), 0, "Enter your account number, then hash.", 200, 2_000,
        false, "Enter your account number, then hash."));
    plane.accept(key("4", 2_500, 100));
    plane.accept(key("2", 3_000, 90));
    plane.accept(key("#", 3_500, 0));
    plane.accept(agentTurn(ID, ANSWER.plusMillis(6_000), 1, "Thanks.", 4_000, 6_000, false, "Thanks."));
    plane.accept(callerTurn(ID, ANSWER.plusMillis(8_000), 2, "bye", 7_000, 7_500, 300, 50, 0, 0, 0));
    plane.accept(key("9", 7_000, 60)); // at the very start of a turn: after it
    plane.flush();
  }

  @AfterAll
  static void stop() {
    plane.close();
  }

  static CallEvent key(String digit, long atMs, long durationMs) {
    Instant at = ANSWER.plusMillis(atMs + durationMs);
    return CallEvent.newBuilder().setCallId(ID)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
        .setDtmf(DtmfReceived.newBuilder().setDigit(digit).setAtMs(atMs).setDurationMs(durationMs)
            .setSource("rfc4733"))
        .build();
  }

  @Test
  void jsonHasTheKeysAmongTheTurnsInTimeOrder() {
    JsonNode transcript = http.get("/v1/calls/" + ID + "/transcript").json().get("transcript");
    assertThat(transcript).hasSize(7);
    StringBuilder order = new StringBuilder();
    for (JsonNode e : transcript) {
      order.append(e.has("dtmf") ? e.get("dtmf").asText() : "t" + e.get("index").asInt()).append(' ');
    }
    assertThat(order.toString()).isEqualTo("t0 4 2 # t1 t2 9 ");
    JsonNode four = transcript.get(1);
    assertThat(CallsConversationApiTest.keys(four))
        .containsExactly("role", "dtmf", "start_ms", "end_ms", "duration_ms", "source");
    assertThat(four.get("role").asText()).isEqualTo("caller");
    assertThat(four.get("start_ms").asLong()).isEqualTo(2_500);
    assertThat(four.get("end_ms").asLong()).isEqualTo(2_600);
    assertThat(four.get("duration_ms").asLong()).isEqualTo(100);
    assertThat(four.get("source").asText()).isEqualTo("rfc4733");
    assertThat(transcript.get(3).get("end_ms").asLong()).as("end not seen").isEqualTo(3_500);
  }

  @Test
  void textHasALinePerKey() {
    String text = new String(http.get("/v1/calls/" + ID + "/transcript?format=txt").body(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(
        "[00:00.200] agent: Enter your account number, then hash.\n"
        + "[00:02.500] caller: [pressed 4]\n"
        + "[00:03.000] caller: [pressed 2]\n"
        + "[00:03.500] caller: [pressed #]\n"
        + "[00:04.000] agent: Thanks.\n"
        + "[00:07.000] caller: bye\n"
        + "[00:07.000] caller: [pressed 9]\n");
  }
}
