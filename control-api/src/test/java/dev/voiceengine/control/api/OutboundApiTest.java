package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.commands.CommandException;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.FakeCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /v1/calls}: validation, agents, idempotency, and what the dialer does with the engine's answers. */
class OutboundApiTest {
  static final String KEY = "ve_outbound";
  static final String GOOD = "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\"}";

  @TempDir Path dir;
  FakeCommands engine = new FakeCommands();
  ControlPlane plane;
  HttpTestClient http;

  @BeforeEach
  void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)).withCommands(engine));
    http = new HttpTestClient(plane.httpPort(), KEY);
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  /** A body, and the field its 400 must name. */
  static final String[] INVALID = {
      "{\"to_number\":\"+15551234567\"}|agent_id",
      "{\"agent_id\":\"\",\"to_number\":\"+15551234567\"}|agent_id",
      "{\"agent_id\":7,\"to_number\":\"+15551234567\"}|agent_id",
      "{\"agent_id\":\"demo\"}|to_number",
      "{\"agent_id\":\"demo\",\"to_number\":\"5551234567\"}|to_number",
      "{\"agent_id\":\"demo\",\"to_number\":\"+05551234567\"}|to_number",
      "{\"agent_id\":\"demo\",\"to_number\":\"+1555123456789012\"}|to_number",
      "{\"agent_id\":\"demo\",\"to_number\":\"+1555 123\"}|to_number",
      "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\",\"from_number\":\"abc\"}|from_number",
      "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\",\"context\":[1]}|context",
      "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\",\"context\":{\"a\":{}}}|context.a",
      "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\",\"metadata\":\"x\"}|metadata",
      "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\",\"first_message\":3}|first_message",
      "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\",\"trunk_id\":false}|trunk_id",
      "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\",\"contact\":{\"nick\":\"x\"}}|contact.nick",
      "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\",\"tonumber\":\"x\"}|tonumber",
  };

  @Test
  void eachFieldIsValidatedByName() {
    for (String row : INVALID) {
      String body = row.substring(0, row.lastIndexOf('|'));
      String field = row.substring(row.lastIndexOf('|') + 1);
      HttpTestClient.Response r = http.post("/v1/calls", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().at("/error/field").asText()).as(body).isEqualTo(field);
    }
    assertThat(engine.dials).isEmpty();
    assertThat(http.get("/v1/calls").json().at("/pagination/total").asInt()).isZero();
  }

  @Test
  void bodiesThatAreNotObjectsAre400() {
    for (String body : List.of("", "[]", "\"x\"", "{", "null", "{\"agent_id\":")) {
      HttpTestClient.Response r = http.post("/v1/calls", body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_parameter");
    }
  }

  @Test
  void unknownAgentIs404AndInactiveIs409() {
    HttpTestClient.Response unknown = http.post("/v1/calls", "{\"agent_id\":\"nobody\",\"to_number\":\"+15551234567\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().at("/error/field").asText()).isEqualTo("agent_id");
    HttpTestClient.Response inactive = http.post("/v1/calls", "{\"agent_id\":\"old\",\"to_number\":\"+15551234567\"}");
    assertThat(inactive.status()).isEqualTo(409);
    assertThat(inactive.json().at("/error/code").asText()).isEqualTo("agent_inactive");
  }

  @Test
  void aCallIsQueuedThenDialledOnceWithWhatWasAsked() {
    HttpTestClient.Response r = http.post("/v1/calls", "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\","
        + "\"from_number\":\"+15550001111\",\"context\":{\"name\":\"Ana\"},\"metadata\":{\"crm\":\"42\"},"
        + "\"first_message\":\"Hi Ana\"}");
    assertThat(r.status()).isEqualTo(202);
    JsonNode call = r.json();
    String id = call.get("id").asText();
    assertThat(call.get("status").asText()).isIn("queued", "dialing");
    assertThat(call.get("direction").asText()).isEqualTo("outbound");
    Await.until(() -> engine.dials.size() == 1, "the call is dialled");
    var dial = engine.dials.get(0).dial();
    assertThat(dial.callId()).isEqualTo(id);
    assertThat(dial.toNumber()).isEqualTo("+15551234567");
    assertThat(dial.fromNumber()).isEqualTo("+15550001111");
    assertThat(dial.context()).isEqualTo(Map.of("name", "Ana"));
    assertThat(dial.metadata()).isEqualTo(Map.of("crm", "42"));
    assertThat(dial.firstMessage()).isEqualTo("Hi Ana");
    Await.until(() -> "dialing".equals(http.get("/v1/calls/" + id).json().path("status").asText()), "dialing");
  }

  @Test
  void theSameIdempotencyKeyAndBodyGiveOneCallAndAnotherBodyIs422() {
    engine.policy = d -> new DialAdmission.Refused("test");
    Map<String, String> key = Map.of("Idempotency-Key", "order-17");
    HttpTestClient.Response first = http.post("/v1/calls", GOOD, key);
    HttpTestClient.Response again = http.post("/v1/calls",
        "{ \"to_number\":\"+15551234567\", \"agent_id\":\"demo\" }", key);
    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
    HttpTestClient.Response other = http.post("/v1/calls", "{\"agent_id\":\"demo\",\"to_number\":\"+15559999999\"}",
        key);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.json().at("/error/code").asText()).isEqualTo("idempotency_conflict");
    Await.until(() -> engine.dials.size() == 1, "the one call is dialled");
    assertThat(http.get("/v1/calls").json().at("/pagination/total").asInt()).isEqualTo(1);
  }

  @Test
  void aRefusedCallFailsWithTheReason() {
    engine.policy = d -> new DialAdmission.Refused("no outbound trunk");
    String id = http.post("/v1/calls", GOOD).json().get("id").asText();
    Await.until(() -> "failed".equals(http.get("/v1/calls/" + id).json().path("status").asText()), "failed");
    JsonNode call = http.get("/v1/calls/" + id).json();
    assertThat(call.get("error").asText()).isEqualTo("no outbound trunk");
    assertThat(call.get("outcome").asText()).isEqualTo("failed");
  }

  @Test
  void aDeferredCallIsDialledAgainLater() {
    AtomicInteger tries = new AtomicInteger();
    engine.policy = d -> tries.incrementAndGet() == 1
        ? new DialAdmission.Deferred(Duration.ofMillis(300), "trunk busy") : new DialAdmission.Accepted();
    String id = http.post("/v1/calls", GOOD).json().get("id").asText();
    Await.until(() -> engine.dials.size() == 2, "dialled again after the deferral");
    assertThat(engine.dialledIds()).containsExactly(id, id);
    assertThat(Duration.between(engine.dials.get(0).at(), engine.dials.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(250));
  }

  @Test
  void endAndControlReachTheEngineAndItsRefusalsMapToStatuses() {
    String id = http.post("/v1/calls", GOOD).json().get("id").asText();
    Await.until(() -> engine.dials.size() == 1, "dialled");
    String base = "/v1/calls/" + id;
    assertThat(http.post(base + "/control", "{\"command\":\"say\",\"text\":\"one moment\"}").status()).isEqualTo(202);
    assertThat(http.post(base + "/control", "{\"command\":\"send_dtmf\",\"digits\":\"12#\"}").status())
        .isEqualTo(202);
    assertThat(http.post(base + "/control", "{\"command\":\"transfer\",\"to\":\"sip:desk@10.0.0.1\"}").status())
        .isEqualTo(202);
    assertThat(http.post(base + "/control", "{\"command\":\"mute\"}").status()).isEqualTo(202);
    assertThat(engine.commands).hasSize(4);
    assertThat(engine.commands.get(0).toString()).contains("one moment");

    HttpTestClient.Response unknown = http.post(base + "/control", "{\"command\":\"dance\"}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().at("/error/field").asText()).isEqualTo("command");
    assertThat(http.post(base + "/control", "{\"command\":\"send_dtmf\",\"digits\":\"9x\"}").json()
        .at("/error/field").asText()).isEqualTo("digits");
    assertThat(http.post(base + "/control", "{\"command\":\"transfer\",\"to\":\"desk\"}").json()
        .at("/error/field").asText()).isEqualTo("to");

    engine.failure = new CommandException(CommandException.Reason.WRONG_STATE, "not answered yet");
    assertThat(http.post(base + "/control", "{\"command\":\"hangup\"}").status()).isEqualTo(409);
    engine.failure = new CommandException(CommandException.Reason.INVALID, "bad target");
    assertThat(http.post(base + "/control", "{\"command\":\"unmute\"}").status()).isEqualTo(400);
    engine.failure = new CommandException(CommandException.Reason.NOT_FOUND, "gone");
    assertThat(http.post(base + "/end", "").status()).isEqualTo(404);
    engine.failure = null;
    assertThat(http.post(base + "/end", "").status()).isEqualTo(202);
    assertThat(engine.ended).containsExactly(id);
    assertThat(http.post("/v1/calls/00000000-0000-0000-0000-000000000009/end", "").status()).isEqualTo(404);
  }

  @Test
  void endingAQueuedCallCancelsItAndAnEndedCallIs409() {
    engine.policy = d -> new DialAdmission.Deferred(Duration.ofHours(1), "full");
    String id = http.post("/v1/calls", GOOD).json().get("id").asText();
    Await.until(() -> engine.dials.size() == 1, "tried once");
    Await.until(() -> "queued".equals(http.get("/v1/calls/" + id).json().path("status").asText()), "requeued");
    HttpTestClient.Response end = http.post("/v1/calls/" + id + "/end", "");
    assertThat(end.status()).isEqualTo(202);
    assertThat(end.json().get("status").asText()).isEqualTo("canceled");
    assertThat(engine.ended).isEmpty();
    assertThat(http.post("/v1/calls/" + id + "/end", "").status()).isEqualTo(409);
    assertThat(http.post("/v1/calls/" + id + "/control", "{\"command\":\"mute\"}").status()).isEqualTo(409);
  }

  @Test
  void agentsAreListedFromTheEngine() {
    JsonNode agents = http.get("/v1/agents").json().get("agents");
    assertThat(agents).hasSize(2);
    assertThat(agents.get(0).get("id").asText()).isEqualTo("demo");
    assertThat(agents.get(1).get("active").asBoolean()).isFalse();
    assertThat(http.get("/v1/agents/old").json().get("voicemail_detection").asBoolean()).isTrue();
    assertThat(http.get("/v1/agents/nobody").status()).isEqualTo(404);
    assertThat(new HttpTestClient(plane.httpPort(), null).get("/v1/agents").status()).isEqualTo(401);
  }

  @Test
  void optionsAndWrongMethodsNameWhatEachResourceAllows() {
    assertThat(http.send("OPTIONS", "/v1/calls", KEY, Map.of()).header("allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
    assertThat(http.send("OPTIONS", "/v1/calls/batch", KEY, Map.of()).header("allow")).isEqualTo("POST, OPTIONS");
    HttpTestClient.Response delete = http.send("DELETE", "/v1/calls/00000000-0000-0000-0000-000000000001/end", KEY,
        Map.of());
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.header("allow")).isEqualTo("POST, OPTIONS");
    assertThat(http.send("OPTIONS", "/v1/agents", KEY, Map.of()).header("allow")).isEqualTo("GET, HEAD, OPTIONS");
    assertThat(new HttpTestClient(plane.httpPort(), null).post("/v1/calls", GOOD).status()).isEqualTo(401);
  }
}
