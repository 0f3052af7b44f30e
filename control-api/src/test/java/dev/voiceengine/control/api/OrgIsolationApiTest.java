package dev.voiceengine.control.api;

import static dev.voiceengine.control.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.TestEvents;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.commands.CallCommand;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.CommandException;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.FakeCommands;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.control.store.ApiKeyStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.webhooks.WebhookEndpoint;
import dev.voiceengine.control.webhooks.WebhookSettings;
import dev.voiceengine.proto.control.v1.Direction;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two organizations, a key and calls each: every REST endpoint answers another organization's call or batch exactly
 * as a missing one (404, same body) and leaves it out of lists, usage and deliveries; a revoked key is 401.
 */
class OrgIsolationApiTest {
  static final String KEY = "ve_default_org_key_1";
  static final String ACME_KEY = "ve_acme_org_key_0001";
  static final String OURS = "00000000-0000-0000-0000-00000000d001";
  static final String THEIRS = "00000000-0000-0000-0000-00000000a001";
  static final String MISSING = "00000000-0000-0000-0000-0000000000ff";

  @TempDir Path dir;
  ControlPlane plane;
  HttpTestClient ours;
  HttpTestClient theirs;

  /** The fake engine with one agent per organization. */
  static final class TwoOrgs implements CallCommands {
    final FakeCommands engine = new FakeCommands();

    @Override
    public DialAdmission dial(OutboundDial dial) {
      return engine.dial(dial);
    }

    @Override
    public void end(String callId) throws CommandException {
      engine.end(callId);
    }

    @Override
    public void control(String callId, CallCommand command) throws CommandException {
      engine.control(callId, command);
    }

    @Override
    public List<AgentSummary> agents() {
      return List.of(new AgentSummary("demo", "Demo", true, null, false),
          new AgentSummary("acme-bot", "Acme", true, null, false, "acme"));
    }
  }

  TwoOrgs commands = new TwoOrgs();

  @BeforeEach
  void start() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    new ApiKeyStore(database, Clock.systemUTC()).ensure(ApiKeys.hashHex(ACME_KEY), "cli",
        ApiKeys.displayPrefix(ACME_KEY), "acme");
    WebhookSettings hooks = WebhookSettings.of(List.of(
        new WebhookEndpoint("wh_default", "default", "http://127.0.0.1:9/ours", "whsec_0123456789abcdef", null, true),
        new WebhookEndpoint("wh_acme", "acme", "http://127.0.0.1:9/theirs", "whsec_0123456789abcdef", null, true)));
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY))
        .withCommands(commands), hooks);
    plane.accept(TestEvents.offered(OURS, T0));
    plane.accept(TestEvents.answered(OURS, T0.plusSeconds(1), ""));
    plane.accept(TestEvents.offered(THEIRS, T0.plusSeconds(5), Direction.INBOUND, "+15550003333", "+15550004444",
        "acme-bot"));
    plane.accept(TestEvents.answered(THEIRS, T0.plusSeconds(6), ""));
    plane.accept(TestEvents.ended(THEIRS, T0.plusSeconds(66), "caller_hangup", 0, "", 0));
    plane.flush();
    ours = new HttpTestClient(plane.httpPort(), KEY);
    theirs = new HttpTestClient(plane.httpPort(), ACME_KEY);
  }

  @AfterEach
  void stop() {
    plane.close();
  }

  /** Each organization sees its own call by id; the other's call is 404 with the body of a missing call. */
  @Test
  void everyCallRouteAnswersAnotherOrganizationsCallAsMissing() {
    assertThat(ours.get("/v1/calls/" + OURS).status()).isEqualTo(200);
    assertThat(theirs.get("/v1/calls/" + THEIRS).status()).isEqualTo(200);
    List<String[]> routes = List.of(
        new String[] {"GET", ""}, new String[] {"GET", "/transcript"}, new String[] {"GET", "/transcript?format=txt"},
        new String[] {"GET", "/recording"}, new String[] {"GET", "/notes"}, new String[] {"GET", "/events"},
        new String[] {"POST", "/notes"}, new String[] {"POST", "/end"}, new String[] {"POST", "/control"});
    for (String[] route : routes) {
      for (var pair : List.of(new Object[] {ours, THEIRS}, new Object[] {theirs, OURS})) {
        HttpTestClient client = (HttpTestClient) pair[0];
        String id = (String) pair[1];
        HttpTestClient.Response foreign = call(client, route[0], "/v1/calls/" + id + route[1]);
        HttpTestClient.Response missing = call(client, route[0], "/v1/calls/" + MISSING + route[1]);
        assertThat(foreign.status()).as(route[0] + " " + route[1]).isEqualTo(404);
        assertThat(foreign.json().toString().replace(id, MISSING)).as(route[0] + " " + route[1])
            .isEqualTo(missing.json().toString());
      }
    }
    assertThat(commands.engine.ended).isEmpty();
    assertThat(commands.engine.commands).isEmpty();
    assertThat(ours.get("/v1/calls/" + OURS + "/notes").json().get("data")).isEmpty();
  }

  private static HttpTestClient.Response call(HttpTestClient client, String method, String path) {
    if (method.equals("GET")) {
      return client.get(path);
    }
    String body = path.endsWith("/notes") ? "{\"author\":\"mallory\",\"text\":\"hi\"}"
        : path.endsWith("/control") ? "{\"command\":\"mute\"}" : "{}";
    return client.post(path, body);
  }

  @Test
  void listsUsageAgentsAndDeliveriesHoldOnlyTheCallersOrganization() {
    assertThat(ids(ours.get("/v1/calls").json())).containsExactly(OURS);
    assertThat(ids(theirs.get("/v1/calls").json())).containsExactly(THEIRS);
    assertThat(ours.get("/v1/calls").json().get("pagination").get("total").asLong()).isEqualTo(1);
    assertThat(ids(theirs.get("/v1/calls?agent_id=demo").json())).isEmpty();
    assertThat(theirs.get("/v1/calls?most_recent=true").json().get("id").asText()).isEqualTo(THEIRS);

    JsonNode usage = theirs.get("/v1/usage?from=2025-03-01&to=2025-03-01").json();
    assertThat(usage.get("data")).hasSize(1);
    assertThat(usage.get("data").get(0).get("calls").asLong()).isEqualTo(1);
    assertThat(usage.get("data").get(0).get("minutes").asDouble()).isEqualTo(1.0);
    assertThat(ours.get("/v1/usage?from=2025-03-01&to=2025-03-01").json().get("data").get(0).get("answered")
        .asLong()).isZero();

    assertThat(theirs.get("/v1/agents").json().get("agents")).extracting(a -> a.get("id").asText())
        .containsExactly("acme-bot");
    assertThat(ours.get("/v1/agents").json().get("agents")).extracting(a -> a.get("id").asText())
        .containsExactly("demo");
    assertThat(ours.get("/v1/agents/acme-bot").status()).isEqualTo(404);
    assertThat(theirs.get("/v1/agents/acme-bot").status()).isEqualTo(200);

    JsonNode acmeDeliveries = theirs.get("/v1/webhooks/deliveries").json().get("data");
    assertThat(acmeDeliveries).isNotEmpty();
    assertThat(acmeDeliveries).allSatisfy(d -> assertThat(d.get("call_id").asText()).isEqualTo(THEIRS));
    assertThat(ours.get("/v1/webhooks/deliveries").json().get("data"))
        .allSatisfy(d -> assertThat(d.get("call_id").asText()).isEqualTo(OURS));
    assertThat(ours.get("/v1/webhooks/deliveries?call_id=" + THEIRS).json().get("data")).isEmpty();
  }

  @Test
  void placedCallsAndBatchesBelongToTheKeysOrganization() {
    assertThat(ours.post("/v1/calls", "{\"agent_id\":\"acme-bot\",\"to_number\":\"+15557770000\"}").status())
        .as("another organization's agent is unknown").isEqualTo(404);
    HttpTestClient.Response placed = theirs.post("/v1/calls",
        "{\"agent_id\":\"acme-bot\",\"to_number\":\"+15557770000\"}", Map.of("Idempotency-Key", "same-key"));
    assertThat(placed.status()).isEqualTo(202);
    String placedId = placed.json().get("id").asText();
    assertThat(ours.get("/v1/calls/" + placedId).status()).isEqualTo(404);
    assertThat(theirs.get("/v1/calls/" + placedId).status()).isEqualTo(200);
    HttpTestClient.Response other = ours.post("/v1/calls", "{\"agent_id\":\"demo\",\"to_number\":\"+15557770000\"}",
        Map.of("Idempotency-Key", "same-key"));
    assertThat(other.status()).as("the same idempotency key in another organization").isEqualTo(202);
    assertThat(other.json().get("id").asText()).isNotEqualTo(placedId);

    HttpTestClient.Response batch = theirs.post("/v1/calls/batch",
        "{\"agent_id\":\"acme-bot\",\"recipients\":[{\"to_number\":\"+15557770001\"}]}");
    assertThat(batch.status()).isEqualTo(202);
    String batchId = batch.json().get("id").asText();
    assertThat(theirs.get("/v1/calls/batch/" + batchId).status()).isEqualTo(200);
    for (String path : List.of("/v1/calls/batch/" + batchId, "/v1/calls/batch/" + batchId + "/pause")) {
      HttpTestClient.Response r = path.endsWith("pause") ? ours.post(path, "{}") : ours.get(path);
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("error").toString()).contains("no batch with id");
    }
    assertThat(theirs.get("/v1/calls/batch/" + batchId).json().get("state").asText()).isEqualTo("running");
    assertThat(ids(ours.get("/v1/calls?limit=100").json())).doesNotContain(placedId);
  }

  @Test
  void aRevokedKeyIsRefusedWithoutARestart() throws Exception {
    assertThat(theirs.get("/v1/calls").status()).isEqualTo(200);
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    assertThat(new ApiKeyStore(database, Clock.systemUTC()).revoke(ApiKeys.displayPrefix(ACME_KEY))).hasSize(1);
    Await.until(() -> theirs.get("/v1/calls").status() == 401, "the revoked key to be refused");
    assertThat(theirs.get("/v1/calls/" + THEIRS).status()).isEqualTo(401);
    assertThat(ours.get("/v1/calls").status()).isEqualTo(200);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("data").forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }
}
