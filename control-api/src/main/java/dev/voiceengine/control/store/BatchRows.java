package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads and writes the batches and batch_recipients tables on a caller's connection (inside its transaction). */
public final class BatchRows {
  /** Statuses of a call that is not over yet. */
  private static final String UNFINISHED = "('queued', 'dialing', 'ringing', 'in-progress')";

  private BatchRows() {}

  static void insert(Connection c, BatchView batch) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO batches (id, agent_id, from_number, calls_per_second,"
        + " state, total, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, batch.id());
      s.setString(2, batch.agentId());
      s.setString(3, batch.fromNumber());
      if (batch.callsPerSecond() == null) {
        s.setNull(4, java.sql.Types.DOUBLE);
      } else {
        s.setDouble(4, batch.callsPerSecond());
      }
      s.setString(5, batch.state());
      s.setInt(6, batch.total());
      s.setString(7, Timestamps.format(batch.createdAt()));
      s.setString(8, Timestamps.format(batch.createdAt()));
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO batch_recipients (batch_id, position, call_id, to_number) VALUES (?, ?, ?, ?)")) {
      for (BatchView.Recipient r : batch.recipients()) {
        s.setString(1, batch.id());
        s.setInt(2, r.index());
        s.setString(3, r.callId());
        s.setString(4, r.toNumber());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** The batch with its counts and recipients, if it exists. */
  public static Optional<BatchView> find(Connection c, String id) throws SQLException {
    String agent;
    String from;
    Double cps;
    String state;
    int total;
    Instant created;
    Instant completed;
    try (PreparedStatement s = c.prepareStatement("SELECT agent_id, from_number, calls_per_second, state, total,"
        + " created_at, completed_at FROM batches WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        agent = r.getString(1);
        from = r.getString(2);
        cps = CallRows.nullableDouble(r, "calls_per_second");
        state = r.getString(4);
        total = r.getInt(5);
        created = Timestamps.parse(r.getString(6));
        completed = Timestamps.parse(r.getString(7));
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    List<BatchView.Recipient> recipients = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT r.position, r.to_number, r.call_id, k.status"
        + " FROM batch_recipients r LEFT JOIN calls k ON k.id = r.call_id WHERE r.batch_id = ? ORDER BY r.position")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          String status = r.getString(4);
          recipients.add(new BatchView.Recipient(r.getInt(1), r.getString(2), r.getString(3), status));
          counts.merge(status == null ? "unknown" : status, 1, Integer::sum);
        }
      }
    }
    return Optional.of(new BatchView(id, agent, from, cps, state, total, counts, recipients, created, completed));
  }

  /** Sets the state when it is one of {@code from}; whether it changed. */
  static boolean setState(Connection c, String id, String to, Instant now, String... from) throws SQLException {
    String in = String.join(", ", java.util.Collections.nCopies(from.length, "?"));
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE batches SET state = ?, updated_at = ? WHERE id = ? AND state IN (" + in + ")")) {
      s.setString(1, to);
      s.setString(2, Timestamps.format(now));
      s.setString(3, id);
      for (int i = 0; i < from.length; i++) {
        s.setString(4 + i, from[i]);
      }
      return s.executeUpdate() == 1;
    }
  }

  /**
   * Marks a running or paused batch completed when none of its calls is left unfinished, and tells the listener in
   * this transaction. Whether it completed now.
   */
  static boolean completeIfDone(Connection c, String id, Instant now, BatchListener listener) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT COUNT(*) FROM calls WHERE batch_id = ? AND status IN " + UNFINISHED)) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        if (r.getLong(1) > 0) {
          return false;
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE batches SET state = ?, updated_at = ?, completed_at = ?"
        + " WHERE id = ? AND state IN (?, ?)")) {
      s.setString(1, BatchView.COMPLETED);
      s.setString(2, Timestamps.format(now));
      s.setString(3, Timestamps.format(now));
      s.setString(4, id);
      s.setString(5, BatchView.RUNNING);
      s.setString(6, BatchView.PAUSED);
      if (s.executeUpdate() != 1) {
        return false;
      }
    }
    BatchView view = find(c, id).orElseThrow();
    listener.batchCompleted(c, id, BatchJson.of(view).toString());
    return true;
  }
}
