package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.webhooks.DeliveryQueries;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /v1/webhooks/deliveries}: key required, an empty page's shape, and 400s that name the parameter. */
class WebhookDeliveriesApiTest {
  static final String KEY = "ve_deliveries";
  @TempDir Path dir;
  ApiServer server;

  @BeforeEach
  void start() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    server = ApiServer.start("127.0.0.1", 0, new CallQueries(database),
        new ApiKeyVerifier(List.of(ApiKeys.hashHex(KEY))), dir, null, List.of(), new Readiness(),
        null, new DeliveryQueries(database), List.of());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void needsAKeyAndListsNothingYet() {
    HttpTestClient http = new HttpTestClient(server.port(), KEY);
    assertThat(http.send("GET", "/v1/webhooks/deliveries", null, Map.of()).status()).isEqualTo(401);
    HttpTestClient.Response ok = http.get("/v1/webhooks/deliveries?state=pending&limit=500&call_id="
        + "00000000-0000-0000-0000-000000000001");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("data").isArray()).isTrue();
    assertThat(ok.json().get("data")).isEmpty();
  }

  @Test
  void badParametersAreNamed() {
    HttpTestClient http = new HttpTestClient(server.port(), KEY);
    Map<String, String> cases = Map.of(
        "state=sent", "state",
        "limit=0", "limit",
        "limit=501", "limit",
        "limit=x", "limit",
        "call_id=nope", "call_id",
        "order=asc", "order",
        "state=pending&state=failed", "state");
    cases.forEach((query, field) -> {
      HttpTestClient.Response r = http.get("/v1/webhooks/deliveries?" + query);
      assertThat(r.status()).as(query).isEqualTo(400);
      assertThat(r.json().toString()).as(query).contains("\"" + field + "\"");
    });
  }
}
