package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.store.CallTransitions.Change;
import dev.voiceengine.control.store.CallTransitions.Transition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallTransitionsTest {
  static final String ID = "6f1c7c2e-2f0b-4a8e-9d5b-0c1d2e3f4a5b";
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
  static final CallStart START = new CallStart("sip-1", CallDirection.INBOUND, "+1555", "+1666", "demo", "local",
      "127.0.0.1:5060");
  static final CallMedia MEDIA = new CallMedia(1, 2, 3, 4, 5, 6, 7, 8, 9.5, 10.5, 11);

  static CallEnd end(String outcome, Integer sipStatus, String recording) {
    return new CallEnd(outcome, null, sipStatus, MEDIA, recording, recording == null ? null : 12.5);
  }

  @Test
  void offeredCreatesARingingCall() {
    Transition t = CallTransitions.offered(null, ID, T0, START, NOW);
    assertThat(t.change()).isEqualTo(Change.CREATED);
    CallRecord c = t.record();
    assertThat(c.status()).isEqualTo(CallStatus.RINGING);
    assertThat(c.startedAt()).isEqualTo(T0);
    assertThat(c.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(c.agentId()).isEqualTo("demo");
    assertThat(c.createdAt()).isEqualTo(NOW);
  }

  @Test
  void answeredThenEndedCompletesWithTheDurationFromAnswer() {
    CallRecord ringing = CallTransitions.offered(null, ID, T0, START, NOW).record();
    CallRecord live = CallTransitions.answered(ringing, ID, T0.plusMillis(1_500), "PCMU/8000", "rec/a.wav", NOW)
        .record();
    assertThat(live.status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(live.recording()).isEqualTo("rec/a.wav");

    Transition t = CallTransitions.ended(live, ID, T0.plusMillis(143_860), end("caller_hangup", null, null), NOW);
    assertThat(t.change()).isEqualTo(Change.UPDATED);
    CallRecord done = t.record();
    assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(done.durationSeconds()).isEqualTo(142.36);
    assertThat(done.recording()).as("kept from the answer").isEqualTo("rec/a.wav");
    assertThat(done.media()).isEqualTo(MEDIA);
  }

  @Test
  void endedWithAnUncreatableRecordingDropsThePathFromTheAnswer() {
    CallRecord ringing = CallTransitions.offered(null, ID, T0, START, NOW).record();
    CallRecord live = CallTransitions.answered(ringing, ID, T0, "PCMU/8000", "rec/a.wav", NOW).record();
    CallEnd end = new CallEnd("caller_hangup", null, null, MEDIA, null, null, "cannot create the recording: x", 3.0);
    CallRecord done = CallTransitions.ended(live, ID, T0.plusSeconds(3), end, NOW).record();
    assertThat(done.recording()).isNull();
    assertThat(done.recordingError()).isEqualTo("cannot create the recording: x");
    assertThat(done.recordingDroppedSeconds()).isEqualTo(3.0);
  }

  @Test
  void endedBeforeAnswerFailsWithoutDuration() {
    CallRecord ringing = CallTransitions.offered(null, ID, T0, START, NOW).record();
    CallRecord done = CallTransitions.ended(ringing, ID, T0.plusSeconds(3), end("rejected", 486, null), NOW)
        .record();
    assertThat(done.status()).isEqualTo(CallStatus.FAILED);
    assertThat(done.sipStatus()).isEqualTo(486);
    assertThat(done.durationSeconds()).isNull();
  }

  @Test
  void duplicatesAndLateEventsChangeNothing() {
    CallRecord ringing = CallTransitions.offered(null, ID, T0, START, NOW).record();
    assertThat(CallTransitions.offered(ringing, ID, T0, START, NOW.plusSeconds(1)).change())
        .isEqualTo(Change.UNCHANGED);
    CallRecord done = CallTransitions.ended(ringing, ID, T0.plusSeconds(3), end("rejected", 486, null), NOW)
        .record();
    assertThat(CallTransitions.ended(done, ID, T0.plusSeconds(9), end("error", 500, null), NOW).change())
        .isEqualTo(Change.UNCHANGED);
    assertThat(CallTransitions.answered(done, ID, T0.plusSeconds(9), "PCMA/8000", null, NOW).change())
        .as("status never moves backwards").isEqualTo(Change.UNCHANGED);
  }

  @Test
  void endedWithoutOfferCreatesAFailedCallFromWhatItKnows() {
    Transition t = CallTransitions.ended(null, ID, T0, end("error", null, "rec/b.wav"), NOW);
    assertThat(t.change()).isEqualTo(Change.CREATED_WITHOUT_OFFER);
    assertThat(t.record().status()).isEqualTo(CallStatus.FAILED);
    assertThat(t.record().startedAt()).isEqualTo(T0);
    assertThat(t.record().endedAt()).isEqualTo(T0);
    assertThat(t.record().recording()).isEqualTo("rec/b.wav");
  }

  @Test
  void aLateOfferFillsInWhatAnEarlierEventCouldNotKnow() {
    CallRecord live = CallTransitions.answered(null, ID, T0.plusSeconds(2), "PCMU/8000", null, NOW).record();
    Transition t = CallTransitions.offered(live, ID, T0, START, NOW.plusSeconds(5));
    assertThat(t.change()).isEqualTo(Change.UPDATED);
    assertThat(t.record().status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(t.record().startedAt()).isEqualTo(T0);
    assertThat(t.record().fromNumber()).isEqualTo("+1555");
    assertThat(t.record().updatedAt()).isEqualTo(NOW.plusSeconds(5));
  }

  @Test
  void endedBeforeTheAnswerTimeNeverGivesANegativeDuration() {
    CallRecord live = CallTransitions.answered(null, ID, T0.plusSeconds(10), null, null, NOW).record();
    CallRecord done = CallTransitions.ended(live, ID, T0, end("caller_hangup", null, null), NOW).record();
    assertThat(done.durationSeconds()).isZero();
  }
}
