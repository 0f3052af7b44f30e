package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.commands.FakeCommands;
import dev.voiceengine.control.store.BatchListener;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallRequest;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.OutboundStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dial queue survives a restart: queued calls are dialled once each; a call left dialing is failed, not redialled. */
class OutboundRestartTest {
  static final String KEY = "ve_restart";

  @TempDir Path dir;

  @Test
  void queuedCallsAreDialledOnceAfterARestartAndDialingOnesFail() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    OutboundStore store = new OutboundStore(database, Clock.systemUTC(), BatchListener.NONE);
    String a = queue(store);
    String b = queue(store);
    String crashed = queue(store);
    assertThat(store.claim(crashed)).isPresent(); // the previous run took it and then died

    FakeCommands engine = new FakeCommands();
    String later;
    try (ControlPlane plane = start(engine)) {
      HttpTestClient http = new HttpTestClient(plane.httpPort(), KEY);
      Await.until(() -> engine.dials.size() >= 2, "the queued calls are dialled");
      JsonNode failed = http.get("/v1/calls/" + crashed).json();
      assertThat(failed.get("status").asText()).isEqualTo("failed");
      assertThat(failed.get("outcome").asText()).isEqualTo("engine_restart");
      later = http.post("/v1/calls", "{\"agent_id\":\"demo\",\"to_number\":\"+15550000009\"}").json().get("id")
          .asText();
      Await.until(() -> engine.dialledIds().contains(later), "a new call is dialled");
    }
    assertThat(engine.dialledIds()).containsExactlyInAnyOrder(a, b, later);

    FakeCommands next = new FakeCommands();
    try (ControlPlane plane = start(next)) {
      HttpTestClient http = new HttpTestClient(plane.httpPort(), KEY);
      String fresh = http.post("/v1/calls", "{\"agent_id\":\"demo\",\"to_number\":\"+15550000010\"}").json()
          .get("id").asText();
      Await.until(() -> next.dialledIds().contains(fresh), "the fresh call is dialled");
      assertThat(next.dialledIds()).as("nothing dialled twice across restarts").containsExactly(fresh);
    }
  }

  private ControlPlane start(FakeCommands engine) throws Exception {
    return ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)).withCommands(engine));
  }

  private static String queue(OutboundStore store) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String id = UUID.randomUUID().toString();
    store.queue(CallRecord.builder(id).direction(CallDirection.OUTBOUND).agentId("demo").toNumber("+15550000001")
        .status(CallStatus.QUEUED).startedAt(now).createdAt(now).updatedAt(now)
        .request(new CallRequest(null, null, null, Map.of(), Map.of())).build(), null, null);
    return id;
  }
}
