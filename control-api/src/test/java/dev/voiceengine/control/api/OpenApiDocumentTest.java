package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.common.QueryParams;
import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.commands.NoCommands;
import dev.voiceengine.control.events.CallEventBus;
import dev.voiceengine.control.grpc.GrpcRoutes;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.control.store.BatchListener;
import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.CallPosition;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.OutboundStore;
import dev.voiceengine.control.store.StoreProbe;
import dev.voiceengine.control.webhooks.DeliveryQueries;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OpenAPI document against the server that serves it, both ways: every path the server routes is documented
 * and every documented path is routed; every documented method is in the path's {@code Allow} and every allowed
 * method is documented; every documented query parameter is accepted with its example and an undocumented one is
 * refused; every {@code $ref} resolves. The server is started with every optional part (outbound, deliveries,
 * events, gRPC, the document itself) so nothing is left unbound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
  static final String KEY = "ve_openapi";
  static final String SOME_ID = "00000000-0000-0000-0000-000000000001";
  /** Methods OpenAPI can describe that this API might route. */
  static final List<String> OPERATIONS = List.of("get", "post", "put", "patch", "delete");
  /**
   * gRPC shares the HTTP port but is not REST: its routes ({@code /voice.control.v1.CallControl/*}, the standard
   * {@code /grpc.health.v1.Health/*} and {@code /grpc.reflection.*} services) are described by the .proto files and
   * left out here. They are the only routes whose first segment is a dotted service name.
   */
  static final Pattern GRPC = Pattern.compile("^/[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)+/.*");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir static Path dir;
  ApiServer server;
  HttpTestClient http;
  JsonNode doc;

  /** One server for the class: the checks only read (a refused POST changes nothing). */
  @BeforeAll
  void start() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    Readiness readiness = new Readiness();
    Clock clock = Clock.systemUTC();
    readiness.register(new StoreProbe(database, clock));
    Outbound outbound = new Outbound(new OutboundStore(database, clock, BatchListener.NONE), new NoCommands(),
        () -> { }, Outbound.DEFAULT_MAX_QUEUED, clock);
    CallQueries queries = new CallQueries(database);
    CallEventBus bus = new CallEventBus();
    CallEventLog eventLog = new CallEventLog(database);
    server = ApiServer.start("127.0.0.1", 0, queries, new ApiKeyVerifier(List.of(ApiKeys.hashHex(KEY))), dir,
        () -> "voice_calls_active 0\n", List.of(), readiness, outbound, new DeliveryQueries(database),
        List.of(CallEventsService.routes(queries, bus, eventLog), OpenApiResources.routes(),
            GrpcRoutes.of(queries, bus, eventLog, () -> null, () -> null)));
    http = new HttpTestClient(server.port(), KEY);
    HttpTestClient.Response r = http.get(OpenApiResources.DOCUMENT_PATH);
    assertThat(r.status()).isEqualTo(200);
    doc = r.json();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void theDocumentIsOpenApi31JsonBehindTheKey() {
    HttpTestClient.Response served = http.get(OpenApiResources.DOCUMENT_PATH);
    assertThat(served.header("content-type")).startsWith("application/json");
    assertThat(served.body()).isEqualTo(OpenApiResources.documentBytes());
    assertThat(doc.path("openapi").asText()).matches("3\\.1\\.\\d+");
    assertThat(doc.path("info").path("title").isTextual()).isTrue();
    assertThat(doc.path("paths").isObject()).isTrue();
    assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");

    HttpTestClient anonymous = new HttpTestClient(server.port(), null);
    HttpTestClient.Response noKey = anonymous.get(OpenApiResources.DOCUMENT_PATH);
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.json().at("/error/code").asText()).isEqualTo("unauthorized");
    assertThat(http.get(OpenApiResources.DOCUMENT_PATH + "?x=1").status()).isEqualTo(400);
  }

  @Test
  void theDocsPageIsOpenAndLoadsNothingFromElsewhere() {
    HttpTestClient.Response page = new HttpTestClient(server.port(), null).get(OpenApiResources.DOCS_PATH);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("content-type")).startsWith("text/html");
    assertThat(page.header("content-security-policy")).startsWith("default-src 'none'")
        .contains("connect-src 'self'").doesNotContain("http");
    String html = new String(page.body(), StandardCharsets.UTF_8);
    assertThat(html).contains("fetch(\"/v1/openapi.json\"").contains("Authorization");
    assertThat(html).as("no external scripts, styles, images or links")
        .doesNotContainPattern("(?i)(src|href|url)\\s*[=(]\\s*[\"']?(https?:)?//")
        .doesNotContainPattern("(?i)<(link|iframe|img|object|embed)\\b");
    assertThat(OPERATIONS.stream().filter(m -> doc.at("/paths/~1docs/" + m).isObject()).toList())
        .containsExactly("get");
    assertThat(doc.at("/paths/~1docs/get/security").isArray()).isTrue();
    assertThat(doc.at("/paths/~1docs/get/security").isEmpty()).as("documented as open").isTrue();
  }

  @Test
  void everyServedPathIsDocumentedAndEveryDocumentedPathIsServed() {
    Set<String> served = new TreeSet<>();
    List<String> grpc = new ArrayList<>();
    for (String route : server.routes()) {
      if (GRPC.matcher(route).matches()) {
        grpc.add(route);
      } else {
        served.add(route.replaceAll(":([A-Za-z_][A-Za-z0-9_]*)", "{$1}"));
      }
    }
    assertThat(grpc).as("the gRPC routes are bound (and excluded)").isNotEmpty();
    assertThat(served).as("served paths, beside the gRPC ones").contains("/v1/calls", "/healthz", "/docs");
    Set<String> documented = new TreeSet<>();
    doc.path("paths").fieldNames().forEachRemaining(documented::add);
    assertThat(documented).as("documented paths vs served paths").isEqualTo(served);
  }

  @Test
  void everyDocumentedMethodIsAllowedAndEveryAllowedMethodIsDocumented() {
    int operations = 0;
    for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      Set<String> expected = new TreeSet<>(List.of("OPTIONS"));
      for (String method : OPERATIONS) {
        if (doc.path("paths").path(path).has(method)) {
          expected.add(method.toUpperCase(Locale.ROOT));
          operations++;
        }
      }
      if (expected.contains("GET")) {
        expected.add("HEAD");
      }
      HttpTestClient.Response options = http.send("OPTIONS", filled(path), KEY, Map.of());
      assertThat(options.status()).as("OPTIONS %s", path).isEqualTo(204);
      Set<String> allowed = Arrays.stream(options.header("allow").split(","))
          .map(String::strip).collect(Collectors.toCollection(TreeSet::new));
      assertThat(allowed).as("Allow of %s vs its documented operations", path).isEqualTo(expected);
    }
    assertThat(operations).as("operations documented").isGreaterThanOrEqualTo(20);
  }

  @Test
  void everyRefResolvesAndEveryPathParameterIsDeclared() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).hasSizeGreaterThan(50);
    for (String ref : refs) {
      assertThat(ref).as("local refs only").startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as("$ref %s resolves", ref).isFalse();
    }
    Pattern template = Pattern.compile("\\{([^}]+)}");
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      Set<String> inTemplate = new TreeSet<>();
      Matcher m = template.matcher(path.getKey());
      while (m.find()) {
        inTemplate.add(m.group(1));
      }
      for (String method : OPERATIONS) {
        JsonNode op = path.getValue().path(method);
        if (op.isMissingNode()) {
          continue;
        }
        assertThat(op.path("responses").size()).as("%s %s has responses", method, path.getKey()).isPositive();
        Set<String> declared = new TreeSet<>();
        for (JsonNode p : parameters(op)) {
          if (p.path("in").asText().equals("path")) {
            assertThat(p.path("required").asBoolean()).isTrue();
            declared.add(p.path("name").asText());
          }
        }
        assertThat(declared).as("path parameters of %s %s", method, path.getKey()).isEqualTo(inTemplate);
      }
    }
  }

  @Test
  void everyDocumentedQueryParameterIsAcceptedAndAnUndocumentedOneIsRefused() {
    int checked = 0;
    for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      JsonNode get = doc.path("paths").path(path).path("get");
      if (get.isMissingNode()) {
        continue;
      }
      for (JsonNode p : parameters(get)) {
        if (!p.path("in").asText().equals("query")) {
          continue;
        }
        String name = p.path("name").asText();
        String value = name.equals(CallCursor.NAME) ? cursor() : p.path("example").asText(null);
        assertThat(value).as("%s on %s has an example", name, path).isNotNull();
        HttpTestClient.Response r = http.get(filled(path) + "?" + name + "="
            + URLEncoder.encode(value, StandardCharsets.UTF_8));
        assertThat(r.status()).as("GET %s?%s=%s: %s", path, name, value, text(r)).isNotEqualTo(400)
            .isLessThan(500);
        assertThat(statuses(get)).as("GET %s?%s answered %s: documented", path, name, r.status())
            .contains(String.valueOf(r.status()));
        checked++;
      }
      if (path.startsWith("/v1/")) {
        HttpTestClient.Response r = http.get(filled(path) + "?undocumented_option=1");
        assertThat(r.status()).as("GET %s with an undocumented parameter", path).isEqualTo(400);
        assertThat(r.json().at("/error/field").asText()).isEqualTo("undocumented_option");
        assertThat(statuses(get)).as("GET %s documents its 400", path).contains("400");
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(30);
  }

  @Test
  void whatAPlainRequestToEachOperationAnswersIsDocumented() {
    for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
      String path = paths.next();
      JsonNode item = doc.path("paths").path(path);
      if (item.has("get")) {
        HttpTestClient.Response r = http.get(filled(path));
        assertThat(statuses(item.path("get"))).as("GET %s answered %s", path, r.status())
            .contains(String.valueOf(r.status()));
      }
      if (item.has("post")) {
        for (String body : List.of("{}", "[]")) {
          HttpTestClient.Response r = http.post(filled(path), body);
          assertThat(statuses(item.path("post"))).as("POST %s %s answered %s", path, body, r.status())
              .contains(String.valueOf(r.status()));
        }
      }
    }
  }

  @Test
  void anOversizedBodyIsTheDocumented413() {
    HttpTestClient.Response r = http.post("/v1/calls", "{\"agent_id\": \"" + "a".repeat(70 * 1024) + "\"}");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("payload_too_large");
    for (Iterator<String> paths = doc.path("paths").fieldNames(); paths.hasNext(); ) {
      JsonNode post = doc.path("paths").path(paths.next()).path("post");
      if (!post.isMissingNode()) {
        assertThat(statuses(post)).contains("413", "401");
      }
    }
  }

  @Test
  void theListQueryDocumentsExactlyTheParametersTheServerKnows() throws Exception {
    assertThat(queryNames("/v1/calls")).isEqualTo(new TreeSet<>(DeclaredSets.of(ListCallsQuery.class, "KNOWN")));
    assertThat(queryNames("/v1/webhooks/deliveries"))
        .isEqualTo(new TreeSet<>(DeclaredSets.of(WebhookDeliveriesService.class, "PARAMS")));
    assertThat(queryNames("/v1/calls/{id}")).isEqualTo(new TreeSet<>(DeclaredSets.of(CallsService.class, "ONE_CALL")));
    assertThat(queryNames("/v1/calls/{id}/transcript"))
        .isEqualTo(new TreeSet<>(DeclaredSets.of(CallsService.class, "TRANSCRIPT")));
  }

  private Set<String> queryNames(String path) {
    Set<String> names = new TreeSet<>();
    for (JsonNode p : parameters(doc.path("paths").path(path).path("get"))) {
      if (p.path("in").asText().equals("query")) {
        names.add(p.path("name").asText());
      }
    }
    return names;
  }

  private static Set<String> statuses(JsonNode op) {
    return new TreeSet<>(names(op.path("responses")));
  }

  /** A cursor the server gave out for the unfiltered list, as a client would pass it back. */
  private static String cursor() {
    return CallCursor.encode(ListCallsQuery.parse(QueryParams.of()).filter(),
        new CallPosition("2025-03-01T00:00:00.000Z", SOME_ID));
  }

  /** The operation's parameters with references followed. */
  private List<JsonNode> parameters(JsonNode op) {
    List<JsonNode> list = new ArrayList<>();
    for (JsonNode p : op.path("parameters")) {
      list.add(p.has("$ref") ? doc.at(p.path("$ref").asText().substring(1)) : p);
    }
    return list;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("$ref")) {
          refs.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }

  private static String filled(String path) {
    return path.replaceAll("\\{[^}]+}", SOME_ID);
  }

  private static String text(HttpTestClient.Response r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  static Set<String> names(JsonNode object) {
    Set<String> names = new LinkedHashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static JsonNode parse(byte[] json) throws Exception {
    return MAPPER.readTree(json);
  }
}
