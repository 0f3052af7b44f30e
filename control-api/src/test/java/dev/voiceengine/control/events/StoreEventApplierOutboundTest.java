package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static dev.voiceengine.control.TestEvents.ts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.store.BatchListener;
import dev.voiceengine.control.store.CallContact;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallRequest;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.CallTransfer;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.OutboundStore;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.CallRinging;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.proto.control.v1.TransferProgress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbound progress on the record: dialing → ringing (ringing_at) → answered or a refusal's status; transfers. */
class StoreEventApplierOutboundTest {
  static final Instant STORE_TIME = Instant.parse("2025-03-01T11:00:00Z");

  @TempDir Path dir;
  StoreEventApplier applier;
  CallQueries queries;
  OutboundStore outbound;

  @BeforeEach
  void setUp() {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    Clock clock = Clock.fixed(STORE_TIME, ZoneOffset.UTC);
    applier = new StoreEventApplier(new CallStore(database, clock), clock);
    queries = new CallQueries(database);
    outbound = new OutboundStore(database, clock, BatchListener.NONE);
  }

  /** A call queued and claimed, as the dialer leaves it before the engine's events. */
  private String dialing() throws Exception {
    String id = UUID.randomUUID().toString();
    outbound.queue(CallRecord.builder(id).direction(CallDirection.OUTBOUND).agentId("demo").toNumber("+15550002222")
        .status(CallStatus.QUEUED).startedAt(T0).createdAt(T0).updatedAt(T0)
        .request(new CallRequest(null, null, "Hi", Map.of("k", "v"), Map.of())).build(), null, null);
    assertThat(outbound.claim(id)).isPresent();
    return id;
  }

  private CallRecord call(String id) throws Exception {
    return queries.find(id).orElseThrow();
  }

  @Test
  void ringingThenAnsweredThenEndedIsCompletedWithRingingAtAndTheRequestKept() throws Exception {
    String id = dialing();
    applier.apply(offered(id, T0, Direction.OUTBOUND, "+15550001111", "+15550002222", "demo"));
    assertThat(call(id).status()).isEqualTo(CallStatus.DIALING);
    applier.apply(ringing(id, T0.plusSeconds(1)));
    assertThat(call(id).status()).isEqualTo(CallStatus.RINGING);
    assertThat(call(id).ringingAt()).isEqualTo(T0.plusSeconds(1));
    applier.apply(ringing(id, T0.plusSeconds(2)));
    assertThat(call(id).ringingAt()).as("the first ring counts").isEqualTo(T0.plusSeconds(1));
    applier.apply(answered(id, T0.plusSeconds(4), ""));
    assertThat(call(id).status()).isEqualTo(CallStatus.IN_PROGRESS);
    applier.apply(ended(id, T0.plusSeconds(30), "agent_hangup", 0, "", 0));
    CallRecord c = call(id);
    assertThat(c.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(c.request().context()).containsEntry("k", "v");
  }

  @Test
  void unansweredOutcomesGiveTheirStatus() throws Exception {
    Map<String, CallStatus> expected = Map.of("busy", CallStatus.BUSY, "no_answer", CallStatus.NO_ANSWER,
        "canceled", CallStatus.CANCELED, "invalid_number", CallStatus.FAILED, "failed", CallStatus.FAILED);
    for (var e : expected.entrySet()) {
      String id = dialing();
      applier.apply(ringing(id, T0.plusSeconds(1)));
      applier.apply(ended(id, T0.plusSeconds(20), e.getKey(), 486, "", 0));
      assertThat(call(id).status()).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(call(id).outcome()).isEqualTo(e.getKey());
      assertThat(call(id).status().isFinal()).isTrue();
    }
  }

  @Test
  void theFarEndsReasonPhraseIsKeptWithItsStatusAndNotChangedByARepeat() throws Exception {
    String id = dialing();
    applier.apply(offered(id, T0, Direction.OUTBOUND, "+15550001111", "+15550002222", "demo"));
    CallEvent busy = ended(id, T0.plusSeconds(3), "busy", 486, "", 0);
    applier.apply(busy.toBuilder().setEnded(busy.getEnded().toBuilder().setSipReason("Busy Here")).build());
    assertThat(call(id).sipStatus()).isEqualTo(486);
    assertThat(call(id).sipReason()).isEqualTo("Busy Here");
    CallEvent again = ended(id, T0.plusSeconds(4), "failed", 500, "", 0);
    applier.apply(again.toBuilder().setEnded(again.getEnded().toBuilder().setSipReason("Oops")).build());
    assertThat(call(id).sipReason()).as("an ended call keeps its end").isEqualTo("Busy Here");
  }

  @Test
  void anInboundCallFromANumberWeCalledCarriesThatCallsContact() throws Exception {
    String placed = UUID.randomUUID().toString();
    outbound.queue(CallRecord.builder(placed).direction(CallDirection.OUTBOUND).agentId("demo")
        .toNumber("+15550007777").status(CallStatus.QUEUED).startedAt(T0).createdAt(T0).updatedAt(T0)
        .contact(new CallContact("crm-42", "Ana", "Silva", "ana@example.com")).build(), null, null);
    String back = UUID.randomUUID().toString();
    applier.apply(offered(back, T0.plusSeconds(60), Direction.INBOUND, "+15550007777", "+15550001111", "demo"));
    assertThat(call(back).contact()).isEqualTo(new CallContact("crm-42", "Ana", "Silva", "ana@example.com"));
    String stranger = UUID.randomUUID().toString();
    applier.apply(offered(stranger, T0.plusSeconds(61), Direction.INBOUND, "+15550008888", "+15550001111", "demo"));
    assertThat(call(stranger).contact()).as("a number no contact had").isNull();
    String placedAgain = UUID.randomUUID().toString();
    applier.apply(offered(placedAgain, T0.plusSeconds(62), Direction.OUTBOUND, "+15550001111", "+15550007777",
        "demo"));
    assertThat(call(placedAgain).contact()).as("only inbound calls are matched").isNull();
  }

  @Test
  void anInboundCancelStaysFailed() throws Exception {
    String id = UUID.randomUUID().toString();
    applier.apply(offered(id, T0));
    applier.apply(ended(id, T0.plusSeconds(3), "canceled", 487, "", 0));
    assertThat(call(id).status()).isEqualTo(CallStatus.FAILED);
  }

  @Test
  void transferProgressIsKeptAndSuccessMakesTheOutcomeTransferred() throws Exception {
    String id = dialing();
    applier.apply(answered(id, T0.plusSeconds(2), ""));
    applier.apply(transfer(id, "sip:desk@10.0.0.1", "accepted", 202));
    assertThat(call(id).transfer()).isEqualTo(new CallTransfer("sip:desk@10.0.0.1", "accepted", 202));
    applier.apply(transfer(id, "", "trying", 100));
    assertThat(call(id).transfer()).isEqualTo(new CallTransfer("sip:desk@10.0.0.1", "trying", 100));
    applier.apply(transfer(id, "", "succeeded", 200));
    assertThat(call(id).transfer().state()).isEqualTo("succeeded");
    assertThat(call(id).outcome()).isEqualTo("transferred");
  }

  static CallEvent ringing(String id, Instant at) {
    return CallEvent.newBuilder().setCallId(id).setOccurredAt(ts(at))
        .setRinging(CallRinging.newBuilder().setSipStatus(180)).build();
  }

  static CallEvent transfer(String id, String target, String state, int status) {
    return CallEvent.newBuilder().setCallId(id).setOccurredAt(ts(T0.plusSeconds(10)))
        .setTransfer(TransferProgress.newBuilder().setTarget(target).setState(state).setSipStatus(status)).build();
  }
}
