package dev.voiceengine.control.store;

import dev.voiceengine.control.store.CallStore.Added;
import dev.voiceengine.control.store.CallTransitions.Change;
import dev.voiceengine.control.store.CallTransitions.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The call writes of one open transaction: each method reads the record, lets {@link CallTransitions} decide and
 * persists the decision on the transaction's connection. Handed out by {@link CallStore#inOneTransaction}, so many
 * events share one commit; valid only inside that call.
 */
public final class CallWrites {
  private final Connection connection;
  private final Clock clock;
  private final BatchListener batches;

  CallWrites(Connection connection, Clock clock) {
    this(connection, clock, BatchListener.NONE);
  }

  CallWrites(Connection connection, Clock clock, BatchListener batches) {
    this.connection = connection;
    this.clock = clock;
    this.batches = batches;
  }

  /** Records that a call was offered at {@code at}. */
  public Transition offered(String id, Instant at, CallStart start) throws SQLException {
    Instant now = now();
    return apply(id, existing -> CallTransitions.offered(existing, id, at, start, now));
  }

  /** Records that a call was answered at {@code at}; codec and recording may be null. */
  public Transition answered(String id, Instant at, String codec, String recording) throws SQLException {
    Instant now = now();
    return apply(id, existing -> CallTransitions.answered(existing, id, at, codec, recording, now));
  }

  /**
   * Records that a call ended at {@code at}, and what it used of its providers (usage already stored for a
   * capability stays, so a replayed end changes nothing).
   */
  public Transition ended(String id, Instant at, CallEnd end) throws SQLException {
    Instant now = now();
    Transition transition = apply(id, existing -> CallTransitions.ended(existing, id, at, end, now));
    if (end.usage() != null) {
      UsageRows.insert(connection, id, end.usage());
    }
    CallRequest request = transition.record().request();
    if (transition.change() == Change.UPDATED && request != null && request.batchId() != null) {
      BatchRows.completeIfDone(connection, request.batchId(), now, batches);
    }
    return transition;
  }

  /** Records that the far end of an outbound call rings (180/183) at {@code at}; see {@link OutboundTransitions}. */
  public Transition ringing(String id, Instant at) throws SQLException {
    Instant now = now();
    return apply(id, existing -> OutboundTransitions.ringing(existing, id, at, now));
  }

  /** Records a blind transfer's progress; see {@link OutboundTransitions#transfer}. */
  public Transition transfer(String id, CallTransfer transfer) throws SQLException {
    Instant now = now();
    return apply(id, existing -> OutboundTransitions.transfer(existing, transfer, now));
  }

  /** Keeps the far end's reason phrase on an ended call (the SIP status is on the end itself). */
  public void sipReason(String id, String reason) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("UPDATE calls SET sip_reason = ? WHERE id = ?")) {
      s.setString(1, reason);
      s.setString(2, id);
      s.executeUpdate();
    }
  }

  /**
   * Stores a turn of the call's conversation that ended at {@code at}. A turn whose index the call already has is
   * not stored again ({@code added} false). An unknown call is created in progress (see
   * {@link CallTransitions#duringCall}).
   */
  public Added turnCompleted(String id, Instant at, CallTurn turn) throws SQLException {
    return duringCall(id, at, turn.endMs(), () -> TurnRows.insert(connection, id, turn));
  }

  /**
   * Stores a provider failure reported at {@code at}. The same failure (same time from answer, capability, provider
   * and code) is not stored twice. An unknown call is created in progress.
   */
  public Added providerFailed(String id, Instant at, ProviderError error) throws SQLException {
    return duringCall(id, at, error.atMs(), () -> ProviderErrorRows.insert(connection, id, at, error));
  }

  /**
   * Stores a key the caller pressed, reported at {@code at}. The same key press (source, time from answer, digit)
   * is not stored twice. An unknown call is created in progress.
   */
  public Added dtmfReceived(String id, Instant at, CallDtmf dtmf) throws SQLException {
    return duringCall(id, at, dtmf.atMs(), () -> DtmfRows.insert(connection, id, dtmf));
  }

  /**
   * Records the answering-machine verdict reported at {@code at}: {@code amd} on the record, and
   * {@code went_to_voicemail} true when a machine answered (false otherwise). An unknown call is created in progress.
   */
  public Transition amdCompleted(String id, Instant at, CallAmd amd) throws SQLException {
    Instant now = now();
    long sinceAnswer = amd.decisionMs() == null ? 0 : amd.decisionMs();
    return apply(id, existing -> {
      Transition base = CallTransitions.duringCall(existing, id, at, sinceAnswer, now);
      CallRecord updated = base.record().toBuilder().amd(amd).wentToVoicemail("machine".equals(amd.result())).build();
      if (base.change() != Change.UNCHANGED) {
        return new Transition(base.change(), updated);
      }
      return updated.equals(existing) ? base
          : new Transition(Change.UPDATED, updated.toBuilder().updatedAt(now).build());
    });
  }

  /** The transaction's connection, for writes that must commit with these (webhook outbox, event log). */
  public Connection connection() {
    return connection;
  }

  private interface Rule {
    Transition decide(CallRecord existing);
  }

  private Transition apply(String id, Rule rule) throws SQLException {
    Optional<CallRecord> existing = CallQueries.find(connection, id);
    Transition transition = rule.decide(existing.orElse(null));
    if (transition.change() == Change.CREATED || transition.change() == Change.CREATED_WITHOUT_OFFER) {
      CallRows.insert(connection, transition.record());
    } else if (transition.change() == Change.UPDATED) {
      CallRows.update(connection, transition.record());
    }
    return transition;
  }

  private interface Row {
    boolean insert() throws SQLException;
  }

  /** Creates the call when unknown, stores the row, and marks a known call updated when the row was new. */
  private Added duringCall(String id, Instant at, long sinceAnswerMs, Row row) throws SQLException {
    Instant now = now();
    Transition transition = apply(id, existing -> CallTransitions.duringCall(existing, id, at, sinceAnswerMs, now));
    boolean added = row.insert();
    if (added && transition.change() == Change.UNCHANGED) {
      try (PreparedStatement touch = connection.prepareStatement("UPDATE calls SET updated_at = ? WHERE id = ?")) {
        touch.setString(1, Timestamps.format(now));
        touch.setString(2, id);
        touch.executeUpdate();
      }
    }
    return new Added(transition.change(), added);
  }

  private Instant now() {
    return Timestamps.clamp(clock.instant());
  }

  /** The store's clock, now. */
  Instant loggedAt() {
    return now();
  }
}
