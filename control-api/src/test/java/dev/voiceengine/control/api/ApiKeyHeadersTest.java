package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys in {@code Authorization: Bearer} and in {@code x-api-key} on the API and /metrics, and the per-key rate
 * limit (measured with a fake clock).
 */
class ApiKeyHeadersTest {
  static final String KEY = "ve_headers_one";
  static final String OTHER = "ve_headers_two";
  static final List<String> PATHS = List.of("/v1/calls", "/v1/usage", "/metrics");

  @TempDir Path dir;
  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  ApiServer server;

  ApiServer start(RateLimit limit) throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    server = ApiServer.start("127.0.0.1", 0, new CallQueries(database),
        new ApiKeyVerifier(List.of(ApiKeys.hashHex(KEY), ApiKeys.hashHex(OTHER))), dir, () -> "voice_calls_active 0\n",
        List.of(), new Readiness(), null, null, List.of(), limit);
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  HttpTestClient.Response get(String path, Map<String, String> headers) {
    return new HttpTestClient(server.port(), null).send("GET", path, null, headers);
  }

  static void assertUnauthorized(HttpTestClient.Response r, String message) {
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("www-authenticate")).startsWith("Bearer");
    JsonNode error = r.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("unauthorized");
    assertThat(error.get("message").asText()).contains(message);
  }

  @Test
  void eitherHeaderCarriesTheKey() throws Exception {
    start(RateLimit.OFF);
    for (String path : PATHS) {
      assertThat(get(path, Map.of("Authorization", "Bearer " + KEY)).status()).as(path).isEqualTo(200);
      assertThat(get(path, Map.of("x-api-key", KEY)).status()).as(path).isEqualTo(200);
      assertThat(get(path, Map.of("X-Api-Key", " " + OTHER + " ")).status()).as(path).isEqualTo(200);
      assertThat(get(path, Map.of("Authorization", "Bearer " + KEY, "x-api-key", KEY)).status())
          .as("the same key twice is one key").isEqualTo(200);
      assertThat(get(path, Map.of("Authorization", "Basic dXNlcjpwYXNz", "x-api-key", KEY)).status())
          .as("another scheme carries no key").isEqualTo(200);
    }
  }

  @Test
  void aWrongKeyInEitherHeaderIsRefused() throws Exception {
    start(RateLimit.OFF);
    for (String path : PATHS) {
      assertUnauthorized(get(path, Map.of("Authorization", "Bearer ve_wrong")), "invalid API key");
      assertUnauthorized(get(path, Map.of("x-api-key", "ve_wrong")), "invalid API key");
      assertUnauthorized(get(path, Map.of()), "x-api-key");
      assertUnauthorized(get(path, Map.of("x-api-key", "  ")), "missing API key");
      assertUnauthorized(get(path, Map.of("Authorization", "Basic dXNlcjpwYXNz")), "missing API key");
    }
  }

  @Test
  void twoDifferentKeysAreAmbiguousEvenWhenBothAreKnown() throws Exception {
    start(RateLimit.OFF);
    for (String path : PATHS) {
      assertUnauthorized(get(path, Map.of("Authorization", "Bearer " + KEY, "x-api-key", OTHER)), "ambiguous");
      assertUnauthorized(get(path, Map.of("Authorization", "Bearer " + KEY, "x-api-key", "ve_wrong")), "ambiguous");
      assertUnauthorized(get(path, Map.of("Authorization", "Bearer ve_wrong", "x-api-key", KEY)), "ambiguous");
    }
  }

  @Test
  void eachKeyHasItsOwnBucketAndWaitingRefillsIt() throws Exception {
    start(RateLimit.of(0.5, 3).withClock(nanos::get));
    HttpTestClient one = new HttpTestClient(server.port(), KEY);
    for (int i = 0; i < 3; i++) {
      assertThat(one.get(PATHS.get(i)).status()).as("request %d of the burst", i).isEqualTo(200);
    }
    HttpTestClient.Response limited = get("/v1/calls", Map.of("x-api-key", KEY));
    assertThat(limited.status()).as("the key's bucket is shared by both headers and /metrics").isEqualTo(429);
    assertThat(limited.header("retry-after")).as("one token per 2 s").isEqualTo("2");
    JsonNode error = limited.json().get("error");
    assertThat(error.get("code").asText()).isEqualTo("rate_limited");
    assertThat(error.get("message").asText()).contains("0.5 requests per second (bursts of 3)");
    assertThat(one.get("/metrics").status()).isEqualTo(429);

    HttpTestClient other = new HttpTestClient(server.port(), OTHER);
    assertThat(other.get("/v1/calls").status()).as("another key is not affected").isEqualTo(200);
    assertUnauthorized(new HttpTestClient(server.port(), "ve_wrong").get("/v1/calls"), "invalid API key");

    nanos.addAndGet(1_500_000_000L);
    assertThat(one.get("/v1/calls").header("retry-after")).as("half a second left, rounded up").isEqualTo("1");
    nanos.addAndGet(500_000_000L);
    assertThat(one.get("/v1/calls").status()).isEqualTo(200);
    assertThat(one.get("/v1/calls").status()).isEqualTo(429);
  }

  @Test
  void theControlPlaneAppliesTheConfiguredLimit() throws Exception {
    // One token per 100 s: the third request is refused however slowly the machine runs.
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir.resolve("plane"), null, "127.0.0.1", 0,
        List.of(KEY)).withRateLimit(0.01, 2))) {
      HttpTestClient one = new HttpTestClient(plane.httpPort(), KEY);
      assertThat(one.get("/v1/usage").status()).isEqualTo(200);
      assertThat(one.get("/v1/calls").status()).isEqualTo(200);
      HttpTestClient.Response limited = one.get("/v1/calls");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(Long.parseLong(limited.header("retry-after"))).isBetween(1L, 100L);
    }
  }

  @Test
  void withoutALimitABurstIsNeverRefused() throws Exception {
    start(RateLimit.OFF);
    HttpTestClient one = new HttpTestClient(server.port(), KEY);
    for (int i = 0; i < 150; i++) {
      assertThat(one.get("/metrics").status()).isEqualTo(200);
    }
  }
}
