package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.events.CallEventBus;
import dev.voiceengine.control.grpc.GrpcRoutes;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.control.commands.NoCommands;
import dev.voiceengine.control.store.BatchListener;
import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.OutboundStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.StoreProbe;
import dev.voiceengine.control.webhooks.DeliveryQueries;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every method on every path the server routes (read from the server itself, so a new route is swept too) and on
 * unknown ones, with no key, a wrong key and a good key, before and after CORS preflights: never a 5xx, every error
 * is the JSON error, and nothing is logged at WARN or above.
 */
class MethodSweepTest {
  static final String KEY = "ve_sweep";
  static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
  static final List<String> UNKNOWN = List.of("/", "/nope", "/v1", "/v1/", "/v1/calls/", "/healthz/", "/metrics/x",
      "/v1/calls/00000000-0000-0000-0000-000000000001/nope", "/v1/calls/x/y/z");
  static final String ORIGIN = "https://ops.example.com";

  @TempDir Path dir;
  ApiServer server;

  @BeforeEach
  void start() throws Exception {
    server = start(List.of());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  ApiServer start(List<String> origins) throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    Readiness readiness = new Readiness();
    readiness.register(new StoreProbe(database, Clock.systemUTC()));
    Clock clock = Clock.systemUTC();
    Outbound outbound = new Outbound(new OutboundStore(database, clock, BatchListener.NONE), new NoCommands(),
        () -> { }, Outbound.DEFAULT_MAX_QUEUED, clock);
    CallQueries queries = new CallQueries(database);
    CallEventBus bus = new CallEventBus();
    CallEventLog eventLog = new CallEventLog(database);
    return ApiServer.start("127.0.0.1", 0, queries,
        new ApiKeyVerifier(List.of(ApiKeys.hashHex(KEY))), dir, () -> "voice_calls_active 0\n", origins, readiness,
        outbound, new DeliveryQueries(database), List.of(CallEventsService.routes(queries, bus, eventLog),
            OpenApiResources.routes(),
            GrpcRoutes.of(queries, bus, eventLog, () -> null, () -> null)));
  }

  @Test
  void noMethodOnAnyPathIsAServerErrorBeforeOrAfterPreflights() {
    List<String> paths = paths();
    assertThat(paths).contains("/healthz", "/metrics", "/v1/calls", "/v1/calls/not-a-uuid", "/v1/calls/batch",
        "/v1/agents", "/v1/webhooks/deliveries", "/v1/usage", "/v1/calls/00000000-0000-0000-0000-000000000001/events");
    try (LogCapture logs = new LogCapture()) {
      int requests = sweep(paths);
      for (String path : paths) {
        for (String key : Arrays.asList(null, KEY)) {
          HttpTestClient.Response r = new HttpTestClient(server.port(), key).send("OPTIONS", path, key,
              Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "GET"));
          assertClientOrSuccess("preflight " + path, r);
          assertThat(r.status()).as("preflight %s: no origin is allowed", path).isIn(401, 403, 404);
          assertThat(r.header("access-control-allow-origin")).isNull();
          requests++;
        }
      }
      requests += sweep(paths);
      assertThat(logs.warnings()).isEmpty();
      int expected = requests;
      Await.until(() -> logs.accessLines().size() >= expected, "an access line per request");
    }
  }

  @Test
  void plainOptionsNamesTheAllowedMethods() {
    HttpTestClient http = new HttpTestClient(server.port(), KEY);
    for (String path : List.of("/healthz", "/metrics", "/v1/agents",
        "/v1/calls/00000000-0000-0000-0000-000000000001", "/v1/webhooks/deliveries",
        "/v1/calls/00000000-0000-0000-0000-000000000001/events")) {
      HttpTestClient.Response r = http.send("OPTIONS", path, KEY, Map.of());
      assertThat(r.status()).as(path).isEqualTo(204);
      assertThat(r.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
    }
    assertThat(http.send("OPTIONS", "/v1/calls", KEY, Map.of()).header("allow")).isEqualTo("GET, HEAD, POST, OPTIONS");
    for (String path : List.of("/v1/calls/batch", "/v1/calls/00000000-0000-0000-0000-000000000001/end",
        "/v1/calls/00000000-0000-0000-0000-000000000001/control",
        "/v1/calls/batch/00000000-0000-0000-0000-000000000001/pause")) {
      assertThat(http.send("OPTIONS", path, KEY, Map.of()).header("allow")).as(path).isEqualTo("POST, OPTIONS");
      HttpTestClient.Response put = http.send("PUT", path, KEY, Map.of());
      assertThat(put.status()).as(path).isEqualTo(405);
      assertThat(put.header("allow")).as(path).isEqualTo("POST, OPTIONS");
    }
    HttpTestClient.Response post = http.send("POST", "/v1/calls/00000000-0000-0000-0000-000000000001", KEY, Map.of());
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.header("allow")).isEqualTo("GET, HEAD, OPTIONS");
  }

  @Test
  void configuredOriginsMayUseTheApiFromAPage() throws Exception {
    server.close();
    server = start(List.of(ORIGIN));
    HttpTestClient anonymous = new HttpTestClient(server.port(), null);
    HttpTestClient.Response preflight = anonymous.send("OPTIONS", "/v1/calls", null, Map.of("Origin", ORIGIN,
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"));
    assertThat(preflight.status()).as("a preflight carries no key").isEqualTo(200);
    assertThat(preflight.header("access-control-allow-origin")).isEqualTo(ORIGIN);
    assertThat(preflight.header("access-control-allow-headers")).containsIgnoringCase("authorization");

    HttpTestClient.Response other = anonymous.send("OPTIONS", "/v1/calls", null, Map.of("Origin",
        "https://elsewhere.example", "Access-Control-Request-Method", "GET"));
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.header("access-control-allow-origin")).isNull();

    HttpTestClient.Response get = anonymous.send("GET", "/v1/calls", KEY, Map.of("Origin", ORIGIN));
    assertThat(get.status()).isEqualTo(200);
    assertThat(get.header("access-control-allow-origin")).isEqualTo(ORIGIN);
    assertThat(anonymous.send("OPTIONS", "/v1/calls", KEY, Map.of()).status()).isEqualTo(204);

    HttpTestClient.Response postPreflight = anonymous.send("OPTIONS", "/v1/calls", null, Map.of("Origin", ORIGIN,
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type"));
    assertThat(postPreflight.status()).isEqualTo(200);
    assertThat(postPreflight.header("access-control-allow-methods")).contains("POST");
  }

  /** Every routed pattern with its parameters filled in (a known-shape id and a malformed one), plus unknown paths. */
  private List<String> paths() {
    List<String> paths = new ArrayList<>();
    for (String route : server.routes()) {
      String pattern = route.replaceAll("\\{[^}]+}|:[A-Za-z_]+", "{}");
      if (pattern.contains("{}")) {
        paths.add(pattern.replace("{}", "00000000-0000-0000-0000-000000000001"));
        paths.add(pattern.replace("{}", "not-a-uuid"));
      } else {
        paths.add(pattern);
      }
    }
    paths.addAll(UNKNOWN);
    return paths;
  }

  private int sweep(List<String> paths) {
    int requests = 0;
    for (String key : Arrays.asList(null, "ve_wrong", KEY)) {
      HttpTestClient http = new HttpTestClient(server.port(), key);
      for (String path : paths) {
        for (String method : METHODS) {
          assertClientOrSuccess(method + " " + path + (key == null ? "" : " key " + key),
              http.send(method, path, key, Map.of()));
          requests++;
        }
      }
    }
    return requests;
  }

  private static void assertClientOrSuccess(String what, HttpTestClient.Response r) {
    assertThat(r.status()).as(what).isBetween(200, 499);
    if (r.status() >= 400 && r.body().length > 0) {
      JsonNode error = r.json().get("error");
      assertThat(error).as(what).isNotNull();
      assertThat(error.get("code").isTextual()).as(what).isTrue();
      assertThat(error.get("message").isTextual()).as(what).isTrue();
    }
  }
}
