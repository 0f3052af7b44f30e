package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.DtmfReceived;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key presses from DtmfReceived events into call_dtmf: in order, once each, only real keys. */
class StoreEventApplierDtmfTest {
  static final String ID = "6f1c7c2e-2f0b-4a8e-9d5b-0c1d2e3f4a5c";
  static final Instant ANSWER = T0.plusSeconds(2);

  @TempDir Path dir;
  StoreEventApplier applier;
  CallQueries queries;

  @BeforeEach
  void setUp() {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    Clock clock = Clock.fixed(Instant.parse("2025-03-01T11:00:00Z"), ZoneOffset.UTC);
    applier = new StoreEventApplier(new CallStore(database, clock), clock);
    queries = new CallQueries(database);
  }

  static CallEvent dtmf(String id, String digit, long atMs, long durationMs, String source) {
    Instant at = ANSWER.plusMillis(atMs + durationMs);
    return CallEvent.newBuilder().setCallId(id)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
        .setDtmf(DtmfReceived.newBuilder().setDigit(digit).setAtMs(atMs).setDurationMs(durationMs).setSource(source))
        .build();
  }

  @Test
  void keysAreStoredInOrderOnceEach() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, ANSWER, ""));
    List<CallEvent> keys = List.of(dtmf(ID, "1", 3_000, 120, "rfc4733"), dtmf(ID, "#", 3_400, 100, "rfc4733"),
        dtmf(ID, "1", 5_000, 0, "inband"));
    applier.applyAll(keys);
    applier.applyAll(keys); // replayed after a crash: nothing new
    applier.apply(dtmf(ID, "1", 6_000, 80, "rfc4733")); // the same key again, later: a new press
    assertThat(queries.dtmf(ID)).containsExactly(
        new CallDtmf(1, "1", 3_000, 120, "rfc4733"),
        new CallDtmf(2, "#", 3_400, 100, "rfc4733"),
        new CallDtmf(3, "1", 5_000, 0, "inband"),
        new CallDtmf(4, "1", 6_000, 80, "rfc4733"));
    assertThat(queries.find(ID).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
  }

  @Test
  void whatIsNoKeyIsNotStoredAndAnUnknownCallIsCreated() throws Exception {
    for (String bad : new String[] {"", "12", "x", "!", "e", " "}) {
      applier.apply(dtmf(ID, bad, 1_000, 100, "rfc4733"));
    }
    assertThat(queries.find(ID)).isEmpty();
    applier.apply(dtmf(ID, "D", -5, -1, ""));
    assertThat(queries.dtmf(ID)).containsExactly(new CallDtmf(1, "D", 0, 0, "rfc4733"));
    assertThat(queries.find(ID).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(queries.dtmf("6f1c7c2e-2f0b-4a8e-9d5b-000000000000")).isEmpty();
  }
}
