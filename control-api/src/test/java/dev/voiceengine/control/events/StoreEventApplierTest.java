package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static dev.voiceengine.control.TestEvents.withRecordingProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallMedia;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreEventApplierTest {
  static final String ID = "6f1c7c2e-2f0b-4a8e-9d5b-0c1d2e3f4a5b";
  static final Instant STORE_TIME = Instant.parse("2025-03-01T11:00:00Z");

  @TempDir Path dir;
  StoreEventApplier applier;
  CallQueries queries;

  @BeforeEach
  void setUp() {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    Clock clock = Clock.fixed(STORE_TIME, ZoneOffset.UTC);
    applier = new StoreEventApplier(new CallStore(database, clock), clock);
    queries = new CallQueries(database);
  }

  private CallRecord call(String id) throws Exception {
    return queries.find(id).orElseThrow();
  }

  @Test
  void offeredAnsweredEndedIsACompletedCall() throws Exception {
    applier.apply(offered(ID, T0));
    assertThat(call(ID).status()).isEqualTo(CallStatus.RINGING);
    applier.apply(answered(ID, T0.plusSeconds(2), "recordings/" + ID + ".wav"));
    assertThat(call(ID).status()).isEqualTo(CallStatus.IN_PROGRESS);
    applier.apply(ended(ID, T0.plusMillis(144_250), "caller_hangup", 0, "recordings/" + ID + ".wav", 142.0));

    CallRecord c = call(ID);
    assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(c.sipCallId()).isEqualTo("sip-" + ID);
    assertThat(c.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(c.fromNumber()).isEqualTo("+15550001111");
    assertThat(c.toNumber()).isEqualTo("+15550002222");
    assertThat(c.agentId()).isEqualTo("demo");
    assertThat(c.trunkId()).isEqualTo("local");
    assertThat(c.source()).isEqualTo("127.0.0.1:5062");
    assertThat(c.codec()).isEqualTo("PCMU/8000");
    assertThat(c.outcome()).isEqualTo("caller_hangup");
    assertThat(c.error()).isNull();
    assertThat(c.sipStatus()).isNull();
    assertThat(c.startedAt()).isEqualTo(T0);
    assertThat(c.answeredAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(c.endedAt()).isEqualTo(T0.plusMillis(144_250));
    assertThat(c.durationSeconds()).isEqualTo(142.25);
    assertThat(c.recording()).isEqualTo("recordings/" + ID + ".wav");
    assertThat(c.recordingSeconds()).isEqualTo(142.0);
    assertThat(c.media()).isEqualTo(new CallMedia(100, 90, 17200, 15480, 2, 1, 1, 3, 4.5, 12.25, 7));
    assertThat(c.createdAt()).isEqualTo(STORE_TIME);
  }

  @Test
  void whatWentWrongWithTheRecordingIsStored() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, T0.plusSeconds(1), "recordings/" + ID + ".wav"));
    applier.apply(withRecordingProblem(ended(ID, T0.plusSeconds(61), "caller_hangup", 0, "recordings/" + ID + ".wav",
        60.0), "2 writes failed: No space left on device", 1.0));
    CallRecord c = call(ID);
    assertThat(c.recording()).isEqualTo("recordings/" + ID + ".wav");
    assertThat(c.recordingSeconds()).isEqualTo(60.0);
    assertThat(c.recordingError()).isEqualTo("2 writes failed: No space left on device");
    assertThat(c.recordingDroppedSeconds()).isEqualTo(1.0);
  }

  @Test
  void aRecordingThatCouldNotBeCreatedLeavesNoPath() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, T0.plusSeconds(1), "recordings/" + ID + ".wav"));
    applier.apply(withRecordingProblem(ended(ID, T0.plusSeconds(11), "caller_hangup", 0, "", 0),
        "cannot create the recording: Read-only file system", 10.0));
    CallRecord c = call(ID);
    assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(c.recording()).isNull();
    assertThat(c.recordingError()).isEqualTo("cannot create the recording: Read-only file system");
    assertThat(c.recordingDroppedSeconds()).isEqualTo(10.0);
  }

  @Test
  void aCleanRecordingHasNoErrorAndNoDroppedSeconds() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(ended(ID, T0.plusSeconds(1), "caller_hangup", 0, "recordings/" + ID + ".wav", 1.0));
    assertThat(call(ID).recordingError()).isNull();
    assertThat(call(ID).recordingDroppedSeconds()).isNull();
  }

  @Test
  void offeredThenEndedIsAFailedCallWithTheSipStatus() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(ended(ID, T0.plusSeconds(1), "rejected", 486, "", 0));
    CallRecord c = call(ID);
    assertThat(c.status()).isEqualTo(CallStatus.FAILED);
    assertThat(c.sipStatus()).isEqualTo(486);
    assertThat(c.error()).isEqualTo("486 rejected");
    assertThat(c.answeredAt()).isNull();
    assertThat(c.durationSeconds()).isNull();
    assertThat(c.recording()).isNull();
    assertThat(c.recordingSeconds()).isNull();
  }

  @Test
  void endedWithoutOfferIsStoredAsAFailedCall() throws Exception {
    applier.apply(ended(ID, T0, "error", 0, "", 0));
    CallRecord c = call(ID);
    assertThat(c.status()).isEqualTo(CallStatus.FAILED);
    assertThat(c.outcome()).isEqualTo("error");
    assertThat(c.startedAt()).isEqualTo(T0);
    assertThat(c.direction()).isNull();
  }

  @Test
  void duplicateEventsChangeNothing() throws Exception {
    CallEvent offer = offered(ID, T0);
    CallEvent answer = answered(ID, T0.plusSeconds(2), "");
    CallEvent end = ended(ID, T0.plusSeconds(10), "caller_hangup", 0, "", 0);
    for (CallEvent event : new CallEvent[] {offer, offer, answer, answer, end}) {
      applier.apply(event);
    }
    CallRecord once = call(ID);
    applier.apply(end);
    applier.apply(answer);
    applier.apply(offer);
    assertThat(call(ID)).isEqualTo(once);
    assertThat(once.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(queries.list(CallFilter.all(10)).total()).isEqualTo(1);
  }

  @Test
  void upperCaseIdsAreStoredInTheCanonicalLowerCase() throws Exception {
    applier.apply(offered(ID.toUpperCase(), T0));
    applier.apply(answered(ID, T0.plusSeconds(1), ""));
    assertThat(call(ID).status()).isEqualTo(CallStatus.IN_PROGRESS);
  }

  @Test
  void anEventWithoutATimeUsesTheStoreClockAndOneWithoutAnIdIsDropped() throws Exception {
    applier.apply(offered(ID, T0).toBuilder().clearOccurredAt().build());
    assertThat(call(ID).startedAt()).isEqualTo(STORE_TIME);
    applier.apply(offered("", T0));
    applier.apply(CallEvent.newBuilder().setCallId(ID).build());
    assertThat(queries.list(CallFilter.all(10)).total()).isEqualTo(1);
  }
}
