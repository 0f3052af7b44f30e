package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.callerTurn;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static dev.voiceengine.control.TestEvents.providerFailed;
import static dev.voiceengine.control.TestEvents.withUsage;
import static dev.voiceengine.control.events.CallEventWriterTest.FAST;
import static dev.voiceengine.control.events.CallEventWriterTest.WAIT;
import static dev.voiceengine.control.events.CallEventWriterTest.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.control.store.CallDetails;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many events in one SQLite transaction: the same calls as one by one, all or none, and replays change nothing. */
class StoreEventApplierBatchTest {
  static final Instant STORE_TIME = Instant.parse("2025-03-01T11:00:00Z");

  @TempDir Path dir;

  /** A clock the test moves, to show that a replay does not touch updated_at. */
  static final class MovingClock extends Clock {
    volatile Instant now = STORE_TIME;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  record Store(Database database, CallStore calls, StoreEventApplier applier, CallQueries queries) {
    static Store at(Path file, Clock clock) {
      Database database = Database.of("jdbc:sqlite:" + file);
      database.migrate();
      CallStore calls = new CallStore(database, clock);
      return new Store(database, calls, new StoreEventApplier(calls, clock), new CallQueries(database));
    }

    Map<String, CallDetails> details(int calls) throws SQLException {
      Map<String, CallDetails> all = new TreeMap<>();
      for (int c = 0; c < calls; c++) {
        queries.findDetails(id(c)).ifPresent(d -> all.put(d.call().id(), d));
      }
      return all;
    }
  }

  /** Whole calls (offer, answer, turns, a provider failure, end with usage), the calls' events interleaved. */
  static List<CallEvent> calls(int count) {
    List<CallEvent> events = new ArrayList<>();
    for (int step = 0; step < 7; step++) {
      for (int c = 0; c < count; c++) {
        String id = id(c);
        Instant at = T0.plusSeconds(step);
        events.add(switch (step) {
          case 0 -> offered(id, at);
          case 1 -> answered(id, at, "recordings/" + id + ".wav");
          case 2 -> agentTurn(id, at, 0, "Hello, how can I help?", 300, 1_900, false, "Hello, how can I help?");
          case 3 -> callerTurn(id, at, 1, "a table for four", 2_500, 4_000, 400, 100, 300, 120, 920);
          case 4 -> providerFailed(id, at, "tts", "grpc://127.0.0.1:7002", "UNAVAILABLE", "down", 4_100,
              "fallback");
          case 5 -> agentTurn(id, at, 2, "Booked.", 4_900, 5_600, false, "Booked.");
          default -> withUsage(ended(id, at, "caller_hangup", 0, "recordings/" + id + ".wav", 6.0));
        });
      }
    }
    return events;
  }

  static void applyInBatches(EventApplier applier, List<CallEvent> events) throws Exception {
    for (int from = 0; from < events.size(); from += CallEventWriter.MAX_BATCH) {
      applier.applyAll(events.subList(from, Math.min(events.size(), from + CallEventWriter.MAX_BATCH)));
    }
  }

  /** A call row the code cannot read back (an unknown status): any event for that call fails in the store. */
  static void poisonCall(Database database, String id) throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO calls (id, status, started_at, created_at, updated_at) VALUES ('" + id
          + "', 'on-hold', '2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z')");
    }
  }

  @Test
  void eventsAppliedTogetherGiveTheSameCallsAsOneByOne() throws Exception {
    Clock clock = Clock.fixed(STORE_TIME, ZoneOffset.UTC);
    Store together = Store.at(dir.resolve("together.db"), clock);
    Store alone = Store.at(dir.resolve("alone.db"), clock);
    List<CallEvent> events = calls(60); // 420 events: two batches
    applyInBatches(together.applier(), events);
    for (CallEvent event : events) {
      alone.applier().apply(event);
    }

    Map<String, CallDetails> stored = together.details(60);
    assertThat(stored).hasSize(60).isEqualTo(alone.details(60));
    CallDetails one = stored.get(id(42));
    assertThat(one.call().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(one.transcript()).hasSize(3);
    assertThat(one.providerErrors()).hasSize(1);
    assertThat(one.usage().llm().inputTokens()).isEqualTo(812);
  }

  @Test
  void aBatchIsStoredWhollyOrNotAtAll() throws Exception {
    Store store = Store.at(dir.resolve("calls.db"), Clock.fixed(STORE_TIME, ZoneOffset.UTC));
    poisonCall(store.database(), id(5));
    List<CallEvent> events = List.of(offered(id(4), T0), answered(id(5), T0, ""), offered(id(6), T0));
    assertThatThrownBy(() -> store.applier().applyAll(events)).isInstanceOf(SQLException.class)
        .hasMessageContaining("on-hold");
    assertThat(store.queries().find(id(4))).as("rolled back with the event that failed").isEmpty();
    assertThat(store.queries().find(id(6))).isEmpty();

    store.applier().applyAll(List.of(offered(id(4), T0), offered(id(6), T0)));
    assertThat(store.queries().find(id(6))).as("the store works after the rollback").isPresent();
  }

  @Test
  void aReplayedBatchChangesNothing() throws Exception {
    MovingClock clock = new MovingClock();
    Store store = Store.at(dir.resolve("calls.db"), clock);
    List<CallEvent> events = calls(40);
    applyInBatches(store.applier(), events);
    Map<String, CallDetails> first = store.details(40);

    clock.now = STORE_TIME.plusSeconds(3_600);
    applyInBatches(store.applier(), events);
    assertThat(store.details(40)).as("no row added, no updated_at moved").isEqualTo(first);
  }

  @Test
  void theWriterStoresTheNeighboursOfAnEventTheStoreRefusesAndKeepsItOnDisk() throws Exception {
    Store store = Store.at(dir.resolve("calls.db"), Clock.fixed(STORE_TIME, ZoneOffset.UTC));
    poisonCall(store.database(), id(13));
    List<Integer> transactions = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch busy = new CountDownLatch(1);
    EventApplier counting = new EventApplier() {
      @Override
      public void apply(CallEvent event) throws Exception {
        busy.countDown();
        release.await();
        transactions.add(1);
        store.applier().apply(event);
      }

      @Override
      public void applyAll(List<CallEvent> events) throws Exception {
        transactions.add(events.size());
        store.applier().applyAll(events);
      }
    };
    List<CallEvent> events = new ArrayList<>();
    for (int c = 10; c < 16; c++) {
      events.add(offered(id(c), T0));
      events.add(answered(id(c), T0.plusSeconds(1), ""));
      events.add(ended(id(c), T0.plusSeconds(9), "caller_hangup", 0, "", 0));
    }
    PendingEvents pending = new PendingEvents(dir.resolve("pending.pb"));
    try (CallEventWriter writer = new CallEventWriter(counting, pending, 100, FAST)) {
      writer.start();
      writer.accept(offered(id(9), T0));
      assertThat(busy.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      events.forEach(writer::accept);
      release.countDown();
      assertThat(writer.flush(WAIT)).isTrue();

      assertThat(transactions).as("held event; the batch of 18 fails; then its events one at a time")
          .startsWith(1, 18, 1, 1, 1);
      for (int c = 9; c < 16; c++) {
        if (c != 13) {
          assertThat(store.queries().find(id(c)).orElseThrow().status()).as("call %d", c)
              .isEqualTo(c == 9 ? CallStatus.RINGING : CallStatus.COMPLETED);
        }
      }
      assertThat(writer.kept()).as("the call's three events, each after its retries").isEqualTo(3);
      assertThat(writer.written()).isEqualTo(16);
      assertThat(pending.isEmpty()).isFalse();
    }
  }
}
