package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.commands.FakeCommands;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.control.store.BatchListener;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.OutboundStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full dial queue refuses more calls with 429 and Retry-After; a replayed Idempotency-Key still stores nothing. */
class QueueLimitApiTest {
  static final String KEY = "ve_limit";

  @TempDir Path dir;

  @Test
  void aFullQueueIs429WithRetryAfter() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    Clock clock = Clock.systemUTC();
    Outbound outbound = new Outbound(new OutboundStore(database, clock, BatchListener.NONE), new FakeCommands(),
        () -> { }, 2, clock); // no dialer: what is queued stays queued
    try (ApiServer server = ApiServer.start("127.0.0.1", 0, new CallQueries(database),
        new ApiKeyVerifier(List.of(ApiKeys.hashHex(KEY))), dir, null, List.of(), new Readiness(), outbound, null, List.of())) {
      HttpTestClient http = new HttpTestClient(server.port(), KEY);
      String body = "{\"agent_id\":\"demo\",\"to_number\":\"+15551234567\"}";
      assertThat(http.post("/v1/calls", body).status()).isEqualTo(202);
      assertThat(http.post("/v1/calls", body).status()).isEqualTo(202);
      HttpTestClient.Response full = http.post("/v1/calls", body);
      assertThat(full.status()).isEqualTo(429);
      assertThat(full.header("retry-after")).isEqualTo("5");
      assertThat(full.json().at("/error/code").asText()).isEqualTo("too_many_requests");
      HttpTestClient.Response batch = http.post("/v1/calls/batch",
          "{\"agent_id\":\"demo\",\"recipients\":[{\"to_number\":\"+15551234567\"}]}");
      assertThat(batch.status()).isEqualTo(429);
      assertThat(http.get("/v1/calls").json().at("/pagination/total").asInt()).isEqualTo(2);
      assertThat(http.post("/v1/calls", body, Map.of("Idempotency-Key", "k")).status()).isEqualTo(429);
    }
  }
}
