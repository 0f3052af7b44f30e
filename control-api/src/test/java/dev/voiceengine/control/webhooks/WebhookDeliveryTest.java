package dev.voiceengine.control.webhooks;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.analysis.AnalysisSettings;
import dev.voiceengine.testsupport.net.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhooks end to end through the control plane: a receiver that fails the first attempts, then is down across a
 * restart of the control plane, then comes back. Every event arrives (at least once, deduplicated by event id), every
 * signature verifies with the README's verifier, each call's events arrive in order, and the deliveries endpoint
 * shows the failed attempts.
 */
class WebhookDeliveryTest {
  static final String KEY = "ve_webhook_test_key";
  static final String SECRET = "whsec_0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  ControlPlane start(int port) throws Exception {
    return start(port, AnalysisSettings.DISABLED); // analysis is the next test's
  }

  ControlPlane start(int port, AnalysisSettings analysis) throws Exception {
    WebhookEndpoint endpoint = new WebhookEndpoint(null, null, "http://127.0.0.1:" + port + "/hooks", SECRET,
        EnumSet.allOf(WebhookEvent.class), true);
    WebhookSettings webhooks = new WebhookSettings(List.of(endpoint), Duration.ofMillis(20), Duration.ofMillis(100),
        Duration.ofHours(24), Duration.ofSeconds(5));
    return ControlPlane.start(new ControlSettings(dir, null, null, 0, List.of(KEY)), webhooks, analysis);
  }

  @Test
  void everyEventArrivesSignedAndInOrderAcrossFailuresAndARestart() throws Exception {
    int port = FreePorts.tcp();
    String a = UUID.randomUUID().toString();
    String b = UUID.randomUUID().toString();
    String c = UUID.randomUUID().toString();
    List<Receiver.Received> all = new ArrayList<>();

    try (Receiver failing = Receiver.start(port, 3)) {
      try (ControlPlane plane = start(port)) {
        plane.accept(offered(a, T0));
        plane.accept(answered(a, T0.plusSeconds(1), ""));
        plane.accept(agentTurn(a, T0.plusSeconds(3), 0, "Hello, how can I help?", 0, 2000, false, "Hello"));
        plane.accept(ended(a, T0.plusSeconds(9), "caller_hangup", 0, "", 0));
        plane.accept(offered(b, T0));
        plane.accept(answered(b, T0.plusSeconds(2), "")); // b is still live when the plane stops
        plane.flush();
        await(() -> failing.received().stream().filter(r -> r.answered() == 200).count() >= 2,
            "the receiver answered 500 three times and then took some deliveries");
        failing.close(); // down from here, across the restart
        all.addAll(failing.received());
      }
    }
    try (ControlPlane plane = start(port)) {
      plane.accept(offered(c, T0.plusSeconds(20)));
      plane.accept(answered(c, T0.plusSeconds(21), ""));
      plane.accept(ended(c, T0.plusSeconds(30), "agent_hangup", 0, "", 0));
      plane.flush();
      await(() -> deliveries(plane, "").findValuesAsText("error").stream().anyMatch(e -> e != null
          && e.contains("Connect")), "an attempt refused while the receiver is down, after the restart");
      try (Receiver up = Receiver.start(port, 0)) {
        await(() -> deliveries(plane, "?state=pending").get("data").isEmpty(), "nothing left pending");
        all.addAll(up.received());
        JsonNode failed = deliveries(plane, "?state=failed").get("data");
        assertThat(failed).isEmpty();
        JsonNode ofA = deliveries(plane, "?call_id=" + a + "&limit=10").get("data");
        assertThat(ofA).hasSize(4);
        for (JsonNode d : ofA) {
          assertThat(d.get("state").asText()).isEqualTo("delivered");
          assertThat(d.get("last_status_code").asInt()).isEqualTo(200);
          assertThat(d.get("body").get("data").get("id").asText()).isEqualTo(a);
        }
        JsonNode startedA = ofA.get(ofA.size() - 1);
        assertThat(startedA.get("event").asText()).isEqualTo("call.started");
        assertThat(startedA.get("attempt_log").get(0).get("status_code").asInt()).isEqualTo(500);
        assertThat(startedA.get("attempt_log").get(0).get("response_excerpt").asText()).isEqualTo("try later");
      }
    }

    Map<String, List<String>> typesByCall = new LinkedHashMap<>();
    Map<String, String> bodyById = new LinkedHashMap<>();
    for (Receiver.Received r : all) {
      assertThat(WebhookVerifier.verify(SECRET, r.signature(), r.body(), r.receivedAtSeconds()))
          .as("signature of %s", r.eventId()).isTrue();
      assertThat(WebhookVerifier.verify("whsec_another_secret_xx", r.signature(), r.body(), r.receivedAtSeconds()))
          .isFalse();
      assertThat(WebhookVerifier.verify(SECRET, r.signature(), r.body(), r.receivedAtSeconds() + 301)).isFalse();
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("id").asText()).isEqualTo(r.eventId());
      String previous = bodyById.putIfAbsent(r.eventId(), new String(r.body()));
      if (previous != null) {
        assertThat(previous).as("a retry sends the same body").isEqualTo(new String(r.body()));
        continue;
      }
      typesByCall.computeIfAbsent(body.get("data").get("id").asText(), k -> new ArrayList<>())
          .add(body.get("type").asText());
    }
    assertThat(typesByCall.get(a)).containsExactly("call.started", "call.answered", "call.transcript", "call.ended");
    assertThat(typesByCall.get(b)).containsExactly("call.started", "call.answered", "call.ended");
    assertThat(typesByCall.get(c)).containsExactly("call.started", "call.answered", "call.ended");
    assertThat(bodyById).hasSize(10);
  }

  @Test
  void theAnalysisOfAnEndedCallFollowsAsCallAnalyzed() throws Exception {
    int port = FreePorts.tcp();
    String a = UUID.randomUUID().toString();
    try (Receiver up = Receiver.start(port, 0); ControlPlane plane = start(port, AnalysisSettings.DEFAULTS)) {
      plane.accept(offered(a, T0));
      plane.accept(answered(a, T0.plusSeconds(1), ""));
      plane.accept(ended(a, T0.plusSeconds(9), "caller_hangup", 0, "", 0));
      plane.flush();
      await(() -> up.received().size() >= 4, "started, answered, ended and analyzed delivered");
      List<String> types = new ArrayList<>();
      for (Receiver.Received r : up.received()) {
        assertThat(WebhookVerifier.verify(SECRET, r.signature(), r.body(), r.receivedAtSeconds())).isTrue();
        types.add(JSON.readTree(r.body()).get("type").asText());
      }
      assertThat(types).containsExactly("call.started", "call.answered", "call.ended", "call.analyzed");
      JsonNode analyzed = JSON.readTree(up.received().get(3).body()).get("data");
      assertThat(analyzed.get("analysis").get("method").asText()).isEqualTo("heuristic");
      assertThat(analyzed.get("analysis").get("ended_reason").asText()).isEqualTo("caller_hangup");
    }
  }

  static JsonNode deliveries(ControlPlane plane, String query) {
    try {
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest request = HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + plane.httpPort() + "/v1/webhooks/deliveries" + query))
          .header("Authorization", "Bearer " + KEY).build();
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Polls with a bound (a broken build fails instead of hanging). */
  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("never happened: %s", what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
