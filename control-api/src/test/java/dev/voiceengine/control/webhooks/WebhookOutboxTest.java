package dev.voiceengine.control.webhooks;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.callerTurn;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.control.api.WebhookJson;
import dev.voiceengine.control.events.StoreEventApplier;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbox rows are written in the event's transaction: a stored event has its deliveries, a rolled-back one none, a
 * replayed one no second copy; callAnalyzed and batchCompleted queue theirs the same way. Nothing is sent here.
 */
class WebhookOutboxTest {
  static final String SECRET = "whsec_0123456789abcdef";
  @TempDir Path dir;
  Database database;
  CallStore store;
  Webhooks webhooks;
  StoreEventApplier applier;
  DeliveryQueries deliveries;

  @BeforeEach
  void open() throws SQLException {
    database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    store = new CallStore(database, clock);
    WebhookEndpoint all = new WebhookEndpoint("all", null, "http://127.0.0.1:9/a", SECRET,
        EnumSet.allOf(WebhookEvent.class), true);
    WebhookEndpoint ends = new WebhookEndpoint("ends", null, "http://127.0.0.1:9/b", SECRET,
        EnumSet.of(WebhookEvent.CALL_ENDED), true);
    webhooks = Webhooks.open(database, WebhookSettings.of(List.of(all, ends)), new WebhookJson(), clock, () -> 0.5);
    applier = new StoreEventApplier(store, clock, webhooks);
    deliveries = new DeliveryQueries(database);
  }

  List<String> events(String callId) throws SQLException {
    List<String> newestFirst = new ArrayList<>(deliveries.list("default", callId, null, 100).stream()
        .map(d -> d.endpointId() + ":" + d.event()).toList());
    Collections.reverse(newestFirst);
    return newestFirst;
  }

  @Test
  void eachStoredEventQueuesItsDeliveriesOnceForTheEndpointsThatWantIt() throws Exception {
    String id = UUID.randomUUID().toString();
    applier.applyAll(List.of(offered(id, T0), answered(id, T0.plusSeconds(1), ""),
        callerTurn(id, T0.plusSeconds(4), 0, "hello", 0, 2000, 1, 2, 3, 4, 5),
        ended(id, T0.plusSeconds(9), "caller_hangup", 0, "", 0)));
    applier.applyAll(List.of(offered(id, T0), answered(id, T0.plusSeconds(1), ""),
        callerTurn(id, T0.plusSeconds(4), 0, "hello", 0, 2000, 1, 2, 3, 4, 5),
        ended(id, T0.plusSeconds(9), "caller_hangup", 0, "", 0))); // replayed: changes nothing
    assertThat(events(id)).containsExactly("all:call.started", "all:call.answered", "all:call.transcript",
        "all:call.ended", "ends:call.ended");
    Delivery transcript = deliveries.list("default", id, null, 100).stream()
        .filter(d -> d.event().equals("call.transcript")).findFirst().orElseThrow();
    assertThat(transcript.body()).contains("\"type\":\"call.transcript\"").contains("\"turn\":")
        .contains("\"id\":\"" + id + "\"").contains("\"id\":\"" + transcript.id() + "\"");
    assertThat(transcript.state()).isEqualTo("pending");
    assertThat(transcript.attemptLog()).isEmpty();
  }

  @Test
  void aRolledBackEventLeavesNoDelivery() throws Exception {
    String id = UUID.randomUUID().toString();
    assertThatThrownBy(() -> store.inOneTransaction(w -> {
      webhooks.lifecycle(w.connection(), dev.voiceengine.proto.control.v1.CallEvent.KindCase.OFFERED,
          w.offered(id, T0, new dev.voiceengine.control.store.CallStart(null, null, null, null, null, null, null)));
      throw new SQLException("the store failed after the write");
    })).isInstanceOf(SQLException.class);
    assertThat(events(id)).isEmpty();
  }

  @Test
  void analyzedAndBatchCompletedAreQueuedInTheCallersTransaction() throws Exception {
    String id = UUID.randomUUID().toString();
    applier.apply(ended(id, T0, "caller_hangup", 0, "", 0));
    int queued = database.transaction(c -> webhooks.callAnalyzed(c, id));
    assertThat(queued).isEqualTo(1);
    assertThat(events(id)).containsExactly("all:call.started", "all:call.ended", "ends:call.ended",
        "all:call.analyzed");
    int unknown = database.transaction(c -> webhooks.callAnalyzed(c, UUID.randomUUID().toString()));
    assertThat(unknown).isZero();
    int batches = database.transaction(c -> webhooks.batchCompleted(c, "default", "batch-1",
        "{\"id\":\"batch-1\",\"completed\":3}"));
    assertThat(batches).isEqualTo(1);
    Delivery batch = deliveries.list("default", null, null, 1).get(0);
    assertThat(batch.batchId()).isEqualTo("batch-1");
    assertThat(batch.body()).contains("\"data\":{\"id\":\"batch-1\",\"completed\":3}");
    assertThatThrownBy(() -> database.transaction(c -> webhooks.batchCompleted(c, "default", "b", "[1]")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
