package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import dev.voiceengine.control.store.CallAmd;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.AmdCompleted;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The answering-machine verdict from its event onto the call record (amd, went_to_voicemail). */
class StoreEventApplierAmdTest {
  static final String ID = "0b9e4c1a-7d3f-4e2a-9c8b-1a2b3c4d5e6f";
  static final Instant ANSWER = T0.plusSeconds(3);

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

  static CallEvent amd(String result, long decisionMs, long beepAtMs, String action) {
    Instant at = ANSWER.plusMillis(decisionMs);
    return CallEvent.newBuilder().setCallId(ID)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
        .setAmd(AmdCompleted.newBuilder().setResult(result).setDecisionMs(decisionMs).setBeepAtMs(beepAtMs)
            .setAction(action))
        .build();
  }

  private CallRecord call() throws Exception {
    return queries.findDetails(ID).orElseThrow().call();
  }

  @Test
  void aMachineVerdictIsStoredWithItsBeepAndTheCallWentToVoicemail() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, ANSWER, ""));
    applier.apply(amd("machine", 4_240, 5_100, "left_message"));

    CallRecord call = call();
    assertThat(call.amd()).isEqualTo(new CallAmd("machine", 4_240L, 5_100L));
    assertThat(call.wentToVoicemail()).isTrue();
    assertThat(call.status()).isEqualTo(CallStatus.IN_PROGRESS);
  }

  @Test
  void aPersonIsNotVoicemailAndNoBeepIsNull() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, ANSWER, ""));
    applier.apply(amd("human", 1_380, 0, "greeted"));

    assertThat(call().amd()).isEqualTo(new CallAmd("human", 1_380L, null));
    assertThat(call().wentToVoicemail()).isFalse();
  }

  @Test
  void aReplayedVerdictChangesNothingAndAnUnknownResultIsStoredAsUnknown() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, ANSWER, ""));
    applier.apply(amd("fax", 5_000, 0, "greeted"));
    CallRecord first = call();
    applier.apply(amd("fax", 5_000, 0, "greeted"));

    assertThat(first.amd().result()).isEqualTo("unknown");
    assertThat(call()).isEqualTo(first);
  }

  @Test
  void aVerdictForAnUnknownCallCreatesItInProgress() throws Exception {
    applier.apply(amd("machine", 2_000, 2_600, "hung_up"));

    assertThat(call().status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(call().amd().result()).isEqualTo("machine");
  }
}
