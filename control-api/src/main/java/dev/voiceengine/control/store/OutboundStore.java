package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The persisted side of outbound calling: queued call records with their dial_queue rows, Idempotency-Keys, the
 * dialer's claims (a call leaves the queue and becomes dialing in one transaction, so it is dialled at most once,
 * even across a restart), and batches. Every method is one transaction on a fresh connection; SQLite's IMMEDIATE
 * transactions serialize them with the event writer's.
 */
public final class OutboundStore {
  private final Database database;
  private final Clock clock;
  private final BatchListener listener;

  public OutboundStore(Database database, Clock clock, BatchListener listener) {
    this.database = database;
    this.clock = clock;
    this.listener = listener;
  }

  /** The call stored for a request, and whether an earlier request with the same Idempotency-Key made it. */
  public record Queued(CallRecord call, boolean replayed) {}

  /** The Idempotency-Key was used before with a different request. */
  public static final class IdempotencyConflict extends Exception {
    private static final long serialVersionUID = 1L;

    IdempotencyConflict(String key) {
      super("Idempotency-Key " + key + " was used with a different request");
    }
  }

  /**
   * Stores a queued call (status queued) and its queue row, due now. With a key: the call an earlier request with
   * the same key and hash created is returned instead; the same key with another hash is a conflict.
   */
  public Queued queue(CallRecord call, String key, String requestHash) throws SQLException, IdempotencyConflict {
    return queue(call, key, requestHash, CallOrgs.DEFAULT_ORG);
  }

  /** As above, the call belonging to the organization (the key of one organization never matches another's). */
  public Queued queue(CallRecord call, String key, String requestHash, String orgId)
      throws SQLException, IdempotencyConflict {
    Object result = database.transaction(c -> {
      if (key != null) {
        Optional<String[]> earlier = idempotent(c, key);
        if (earlier.isPresent()) {
          if (!earlier.get()[0].equals(requestHash)) {
            return new IdempotencyConflict(key);
          }
          return new Queued(CallQueries.find(c, earlier.get()[1]).orElseThrow(), true);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_keys (idem_key, request_hash,"
            + " resource_id, created_at) VALUES (?, ?, ?, ?)")) {
          s.setString(1, key);
          s.setString(2, requestHash);
          s.setString(3, call.id());
          s.setString(4, Timestamps.format(now()));
          s.executeUpdate();
        }
      }
      insertQueued(c, call, 0);
      CallOrgs.set(c, call.id(), orgId);
      return new Queued(call, false);
    });
    if (result instanceof IdempotencyConflict conflict) {
      throw conflict;
    }
    return (Queued) result;
  }

  /** Stores a batch, running, with its queued calls (in recipient order). */
  public void queueBatch(BatchView batch, List<CallRecord> calls) throws SQLException {
    queueBatch(batch, calls, CallOrgs.DEFAULT_ORG);
  }

  /** As above, the batch and its calls belonging to the organization. */
  public void queueBatch(BatchView batch, List<CallRecord> calls, String orgId) throws SQLException {
    database.transaction(c -> {
      BatchRows.insert(c, batch);
      CallOrgs.setBatch(c, batch.id(), orgId);
      for (int i = 0; i < calls.size(); i++) {
        insertQueued(c, calls.get(i), i);
        CallOrgs.set(c, calls.get(i).id(), orgId);
      }
      return null;
    });
  }

  private void insertQueued(Connection c, CallRecord call, int position) throws SQLException {
    CallRows.insert(c, call);
    try (PreparedStatement s = c.prepareStatement("INSERT INTO dial_queue (call_id, batch_id, not_before, attempts,"
        + " created_at, position) VALUES (?, ?, ?, 0, ?, " + position + ")")) {
      s.setString(1, call.id());
      s.setString(2, call.request() == null ? null : call.request().batchId());
      s.setString(3, Timestamps.format(call.createdAt()));
      s.setString(4, Timestamps.format(call.createdAt()));
      s.executeUpdate();
    }
  }

  private static Optional<String[]> idempotent(Connection c, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT request_hash, resource_id FROM idempotency_keys WHERE idem_key = ?")) {
      s.setString(1, key);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(new String[] {r.getString(1), r.getString(2)}) : Optional.empty();
      }
    }
  }

  /** How many calls wait in the queue. */
  public long queuedCount() throws SQLException {
    return database.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM dial_queue");
          ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    });
  }

  /** One call record. */
  public Optional<CallRecord> call(String id) throws SQLException {
    return database.read(c -> CallQueries.find(c, id));
  }

  /** A queue row that may be dialled now: its batch is running (or it has none). */
  public record Due(String callId, String batchId, Double callsPerSecond) {}

  /** Up to {@code limit} due rows, oldest first. */
  public List<Due> due(int limit) throws SQLException {
    String now = Timestamps.format(now());
    return database.read(c -> {
      List<Due> due = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT q.call_id, q.batch_id, b.calls_per_second"
          + " FROM dial_queue q LEFT JOIN batches b ON b.id = q.batch_id"
          + " WHERE q.not_before <= ? AND (q.batch_id IS NULL OR b.state = ?)"
          + " ORDER BY q.not_before, q.created_at, q.position, q.call_id LIMIT ?")) {
        s.setString(1, now);
        s.setString(2, BatchView.RUNNING);
        s.setInt(3, limit);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            due.add(new Due(r.getString(1), r.getString(2), CallRows.nullableDouble(r, "calls_per_second")));
          }
        }
      }
      return due;
    });
  }

  /** When the earliest queue row that is not due yet becomes due, if any. */
  public Optional<Instant> nextDue() throws SQLException {
    return database.read(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT MIN(not_before) FROM dial_queue");
          ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.ofNullable(Timestamps.parse(r.getString(1))) : Optional.empty();
      }
    });
  }

  /** Takes the call off the queue and marks it dialing; empty when another claim or a cancel came first. */
  public Optional<CallRecord> claim(String callId) throws SQLException {
    Instant now = now();
    return database.transaction(c -> {
      // A batch paused or canceled after the dialer read the row keeps it: no dial once the pause has committed.
      try (PreparedStatement s = c.prepareStatement("DELETE FROM dial_queue WHERE call_id = ? AND (batch_id IS NULL"
          + " OR batch_id IN (SELECT id FROM batches WHERE state = ?))")) {
        s.setString(1, callId);
        s.setString(2, BatchView.RUNNING);
        if (s.executeUpdate() != 1) {
          return Optional.empty();
        }
      }
      if (!setStatus(c, callId, CallStatus.QUEUED, CallStatus.DIALING, now)) {
        return Optional.empty();
      }
      return CallQueries.find(c, callId);
    });
  }

  /** Puts a dialing call back in the queue, due at {@code notBefore} (the engine deferred it). */
  public void requeue(String callId, String batchId, Instant notBefore, String reason) throws SQLException {
    Instant now = now();
    database.transaction(c -> {
      if (setStatus(c, callId, CallStatus.DIALING, CallStatus.QUEUED, now)) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dial_queue (call_id, batch_id, not_before,"
            + " attempts, last_reason, created_at, position) VALUES (?, ?, ?, 1, ?, ?, 0)")) {
          s.setString(1, callId);
          s.setString(2, batchId);
          s.setString(3, Timestamps.format(Timestamps.clamp(notBefore)));
          s.setString(4, reason);
          s.setString(5, Timestamps.format(now));
          s.executeUpdate();
        }
      }
      return null;
    });
  }

  /** Ends a dialing call the engine refused: failed, outcome failed, the reason as its error. */
  public void failDial(String callId, String reason) throws SQLException {
    Instant now = now();
    database.transaction(c -> {
      Optional<CallRecord> call = CallQueries.find(c, callId);
      if (call.isEmpty() || call.get().status() != CallStatus.DIALING) {
        return null;
      }
      CallRows.update(c, call.get().toBuilder().status(CallStatus.FAILED).outcome("failed").error(reason)
          .endedAt(now).updatedAt(now).build());
      String batch = call.get().request() == null ? null : call.get().request().batchId();
      if (batch != null) {
        BatchRows.completeIfDone(c, batch, now, listener);
      }
      return null;
    });
  }

  /**
   * Cancels a call that is still queued (outcome canceled) so it is never dialled; false when it has left the queue
   * already.
   */
  public boolean cancelQueued(String callId) throws SQLException {
    Instant now = now();
    return database.transaction(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM dial_queue WHERE call_id = ?")) {
        s.setString(1, callId);
        s.executeUpdate();
      }
      Optional<CallRecord> call = CallQueries.find(c, callId);
      if (call.isEmpty() || call.get().status() != CallStatus.QUEUED) {
        return false;
      }
      CallRows.update(c, call.get().toBuilder().status(CallStatus.CANCELED).outcome("canceled").endedAt(now)
          .updatedAt(now).build());
      String batch = call.get().request() == null ? null : call.get().request().batchId();
      if (batch != null) {
        BatchRows.completeIfDone(c, batch, now, listener);
      }
      return true;
    });
  }

  /** A batch with its counts and recipients. */
  public Optional<BatchView> batch(String id) throws SQLException {
    return database.read(c -> BatchRows.find(c, id));
  }

  /** What a pause, resume or cancel did: the batch after it (null when unknown) and whether it applied. */
  public record BatchChange(BatchView batch, boolean applied) {}

  /** Pauses a running batch (a paused one stays paused): no new dials. */
  public BatchChange pause(String id) throws SQLException {
    return change(id, c -> BatchRows.setState(c, id, BatchView.PAUSED, now(), BatchView.RUNNING, BatchView.PAUSED));
  }

  /** Resumes a paused batch (a running one stays running). */
  public BatchChange resume(String id) throws SQLException {
    return change(id, c -> BatchRows.setState(c, id, BatchView.RUNNING, now(), BatchView.PAUSED, BatchView.RUNNING));
  }

  /** Cancels a running or paused batch: its queued calls become canceled; calls already placed go on. */
  public BatchChange cancel(String id) throws SQLException {
    return change(id, c -> {
      Instant now = now();
      if (!BatchRows.setState(c, id, BatchView.CANCELED, now, BatchView.RUNNING, BatchView.PAUSED,
          BatchView.CANCELED)) {
        return false;
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM dial_queue WHERE batch_id = ?")) {
        s.setString(1, id);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("UPDATE calls SET status = ?, outcome = ?, ended_at = ?,"
          + " updated_at = ? WHERE batch_id = ? AND status = ?")) {
        s.setString(1, CallStatus.CANCELED.wire());
        s.setString(2, "canceled");
        s.setString(3, Timestamps.format(now));
        s.setString(4, Timestamps.format(now));
        s.setString(5, id);
        s.setString(6, CallStatus.QUEUED.wire());
        s.executeUpdate();
      }
      return true;
    });
  }

  private interface StateChange {
    boolean apply(Connection c) throws SQLException;
  }

  private BatchChange change(String id, StateChange change) throws SQLException {
    return database.transaction(c -> {
      if (BatchRows.find(c, id).isEmpty()) {
        return new BatchChange(null, false);
      }
      boolean applied = change.apply(c);
      return new BatchChange(BatchRows.find(c, id).orElseThrow(), applied);
    });
  }

  private static boolean setStatus(Connection c, String id, CallStatus from, CallStatus to, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE calls SET status = ?, updated_at = ? WHERE id = ? AND status = ?")) {
      s.setString(1, to.wire());
      s.setString(2, Timestamps.format(now));
      s.setString(3, id);
      s.setString(4, from.wire());
      return s.executeUpdate() == 1;
    }
  }

  private Instant now() {
    return Timestamps.clamp(clock.instant());
  }
}
