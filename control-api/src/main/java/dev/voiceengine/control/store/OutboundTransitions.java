package dev.voiceengine.control.store;

import dev.voiceengine.control.store.CallTransitions.Change;
import dev.voiceengine.control.store.CallTransitions.Transition;
import java.time.Instant;

/** The rules for an outbound call's progress before and around the answer: ringing, and transfer progress. */
final class OutboundTransitions {
  private OutboundTransitions() {}

  /**
   * The far end rings: a queued or dialing call becomes ringing with {@code ringingAt}; a later call only gets the
   * time if it lacks one; an unknown call is created ringing.
   */
  static Transition ringing(CallRecord existing, String id, Instant at, Instant now) {
    if (existing == null) {
      return new Transition(Change.CREATED_WITHOUT_OFFER, CallRecord.builder(id).status(CallStatus.RINGING)
          .direction(CallDirection.OUTBOUND).startedAt(at).ringingAt(at).createdAt(now).updatedAt(now).build());
    }
    boolean early = existing.status() == CallStatus.QUEUED || existing.status() == CallStatus.DIALING;
    if (!early && (existing.ringingAt() != null || existing.status().isFinal())) {
      return new Transition(Change.UNCHANGED, existing);
    }
    CallRecord.Builder b = existing.toBuilder().ringingAt(existing.ringingAt() != null ? existing.ringingAt() : at)
        .updatedAt(now);
    if (early) {
      b.status(CallStatus.RINGING);
    }
    return new Transition(Change.UPDATED, b.build());
  }

  /**
   * A transfer's progress: the target, state and SIP status replace the previous ones (a missing target or status
   * keeps the known one); a succeeded transfer makes the outcome transferred. Unknown calls are not created.
   */
  static Transition transfer(CallRecord existing, CallTransfer progress, Instant now) {
    if (existing == null) {
      return new Transition(Change.UNCHANGED, null);
    }
    CallTransfer known = existing.transfer();
    CallTransfer merged = new CallTransfer(
        progress.target() != null ? progress.target() : known == null ? null : known.target(),
        progress.state(),
        progress.sipStatus() != null ? progress.sipStatus() : known == null ? null : known.sipStatus());
    if (merged.equals(known)) {
      return new Transition(Change.UNCHANGED, existing);
    }
    CallRecord.Builder b = existing.toBuilder().transfer(merged).updatedAt(now);
    if ("succeeded".equals(merged.state())) {
      b.outcome("transferred");
    }
    return new Transition(Change.UPDATED, b.build());
  }
}
