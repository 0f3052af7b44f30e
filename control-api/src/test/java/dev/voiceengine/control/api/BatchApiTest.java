package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.TestEvents;
import dev.voiceengine.control.commands.FakeCommands;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/calls/batch}: pacing, counts, pause/resume/cancel, completion and its hook. */
class BatchApiTest {
  static final String KEY = "ve_batch";

  @TempDir Path dir;
  FakeCommands engine = new FakeCommands();
  List<String> completed = new CopyOnWriteArrayList<>();
  ControlPlane plane;
  HttpTestClient http;

  @BeforeEach
  void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)).withCommands(engine)
        .withBatchListener((connection, id, json) -> completed.add(json)));
    http = new HttpTestClient(plane.httpPort(), KEY);
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  @Test
  void thirtyRecipientsAtFivePerSecondAreAllDialledOnceAndCountedAsTheyEnd() throws Exception {
    HttpTestClient.Response created = http.post("/v1/calls/batch", batch(30, 5));
    assertThat(created.status()).isEqualTo(202);
    JsonNode batch = created.json();
    String id = batch.get("id").asText();
    assertThat(batch.get("total").asInt()).isEqualTo(30);
    assertThat(batch.at("/counts/queued").asInt()).isEqualTo(30);
    assertThat(batch.at("/recipients/3/to_number").asText()).isEqualTo(number(3));
    until(() -> engine.dials.size() >= 30, "all 30 dialled");
    List<String> callIds = new ArrayList<>();
    batch.get("recipients").forEach(r -> callIds.add(r.get("call_id").asText()));
    assertThat(engine.dialledIds()).hasSize(30).containsExactlyInAnyOrderElementsOf(callIds);
    assertThat(new HashSet<>(engine.dialledIds())).hasSize(30);
    Duration spread = Duration.between(engine.dials.get(0).at(), engine.dials.get(29).at());
    assertThat(spread).as("29 gaps of 200 ms").isGreaterThanOrEqualTo(Duration.ofMillis(5_500));
    assertThat(engine.dials.get(7).dial().context()).containsEntry("row", "7");
    assertThat(http.get("/v1/calls/batch/" + id).json().at("/counts/dialing").asInt()).isEqualTo(30);

    Instant at = Instant.now();
    for (int i = 0; i < 30; i++) {
      String call = callIds.get(i);
      if (i < 20) {
        plane.accept(TestEvents.answered(call, at, ""));
        plane.accept(TestEvents.ended(call, at.plusSeconds(5), "caller_hangup", 0, "", 0));
      } else {
        plane.accept(TestEvents.ended(call, at, i < 25 ? "busy" : "no_answer", i < 25 ? 486 : 480, "", 0));
      }
    }
    plane.flush();
    JsonNode done = http.get("/v1/calls/batch/" + id).json();
    assertThat(done.get("state").asText()).isEqualTo("completed");
    assertThat(done.at("/counts/completed").asInt()).isEqualTo(20);
    assertThat(done.at("/counts/busy").asInt()).isEqualTo(5);
    assertThat(done.at("/counts/no-answer").asInt()).isEqualTo(5);
    assertThat(done.get("completed_at").isTextual()).isTrue();
    assertThat(completed).hasSize(1);
    assertThat(completed.get(0)).contains(id).contains("\"state\":\"completed\"");
  }

  @Test
  void pauseStopsNewDialsAndResumeGoesOn() {
    String id = http.post("/v1/calls/batch", batch(10, 2)).json().get("id").asText();
    until(() -> engine.dials.size() >= 1, "the first dial");
    JsonNode paused = http.post("/v1/calls/batch/" + id + "/pause", "").json();
    assertThat(paused.get("state").asText()).isEqualTo("paused");
    int dialled = engine.dials.size();
    assertThat(dialled).isLessThan(10);
    dialAnUnrelatedCall();
    assertThat(batchDials()).as("no batch call dialled while paused").isEqualTo(dialled);
    assertThat(http.post("/v1/calls/batch/" + id + "/resume", "").json().get("state").asText()).isEqualTo("running");
    until(() -> batchDials() == 10, "the rest after resume");
  }

  @Test
  void cancelCancelsTheQueuedCalls() {
    String id = http.post("/v1/calls/batch", batch(5, 1)).json().get("id").asText();
    until(() -> engine.dials.size() >= 1, "the first dial");
    JsonNode canceled = http.post("/v1/calls/batch/" + id + "/cancel", "").json();
    assertThat(canceled.get("state").asText()).isEqualTo("canceled");
    int dialled = engine.dials.size();
    assertThat(canceled.at("/counts/canceled").asInt()).isEqualTo(5 - dialled);
    dialAnUnrelatedCall();
    assertThat(batchDials()).isEqualTo(dialled);
    assertThat(http.post("/v1/calls/batch/" + id + "/resume", "").status()).isEqualTo(409);
    assertThat(http.post("/v1/calls/batch/00000000-0000-0000-0000-000000000001/pause", "").status()).isEqualTo(404);
    assertThat(http.get("/v1/calls/batch/00000000-0000-0000-0000-000000000001").status()).isEqualTo(404);
  }

  @Test
  void recipientsAreValidatedByIndex() {
    String body = "{\"agent_id\":\"demo\",\"recipients\":[{\"to_number\":\"+15550000001\"},"
        + "{\"to_number\":\"+15550000002\"},{\"to_number\":\"+15550000003\"},{\"to_number\":\"555\"}]}";
    HttpTestClient.Response r = http.post("/v1/calls/batch", body);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().at("/error/field").asText()).isEqualTo("recipients[3].to_number");
    assertThat(field("{\"agent_id\":\"demo\",\"recipients\":[]}")).isEqualTo("recipients");
    assertThat(field("{\"agent_id\":\"demo\",\"calls_per_second\":0,\"recipients\":[{\"to_number\":\"+15550000001\"}]}"))
        .isEqualTo("calls_per_second");
    assertThat(field("{\"agent_id\":\"demo\",\"recipients\":[{\"to_number\":\"+15550000001\",\"x\":1}]}"))
        .isEqualTo("recipients[0].x");
    assertThat(http.post("/v1/calls/batch", "{\"agent_id\":\"old\",\"recipients\":[{\"to_number\":\"+15550000001\"}]}")
        .status()).isEqualTo(409);
    assertThat(engine.dials).isEmpty();
  }

  private String field(String body) {
    HttpTestClient.Response r = http.post("/v1/calls/batch", body);
    assertThat(r.status()).as(body).isEqualTo(400);
    return r.json().at("/error/field").asText();
  }

  /** Places a call outside the batch and waits until it is dialled: the dialer has made a pass since. */
  private void dialAnUnrelatedCall() {
    String single = http.post("/v1/calls", "{\"agent_id\":\"demo\",\"to_number\":\"+15557654321\"}").json()
        .get("id").asText();
    until(() -> engine.dialledIds().contains(single), "the unrelated call is dialled");
  }

  private long batchDials() {
    return engine.dials.stream().filter(d -> !d.dial().toNumber().equals("+15557654321")).count();
  }

  static String batch(int n, int cps) {
    StringBuilder b = new StringBuilder("{\"agent_id\":\"demo\",\"calls_per_second\":" + cps + ",\"recipients\":[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append("{\"to_number\":\"").append(number(i)).append("\",\"context\":{\"row\":\"")
          .append(i).append("\"}}");
    }
    return b.append("]}").toString();
  }

  static String number(int i) {
    return "+1555000" + String.format("%04d", i);
  }

  /** Batches take seconds by design: a wider bound than {@link Await}. */
  static void until(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
