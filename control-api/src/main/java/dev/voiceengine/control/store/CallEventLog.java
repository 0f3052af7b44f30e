package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The numbered log of call events (table {@code call_event_log}, V12) that live watchers replay from.
 *
 * <p>{@link #append} runs inside the event's own store transaction, so an event is logged exactly when it is
 * stored. Its id is the largest logged id + 1, read on the transaction's connection: correct because one writer
 * thread writes events, and increasing across restarts because pruning always keeps the newest row. Every
 * {@link #PRUNE_EVERY} events the log is pruned to the window: rows logged within {@link #MAX_AGE} and at most
 * {@link #MAX_ROWS} behind the newest. A watcher resuming from an id older than the window gets what is left.
 */
public final class CallEventLog {
  /** Rows kept behind the newest one, at most. */
  public static final long MAX_ROWS = 100_000;
  /** Rows older than this are pruned. */
  public static final Duration MAX_AGE = Duration.ofHours(24);
  /** Pruning runs once every this many events. */
  static final long PRUNE_EVERY = 1_000;

  private static final String COLUMNS = "id, call_id, org_id, occurred_at, type, payload";

  private final Database database;

  public CallEventLog(Database database) {
    this.database = database;
  }

  /** Logs the event in the writes' transaction and returns the row (with its new id). */
  public static LoggedEvent append(CallWrites writes, String callId, String orgId, Instant occurredAt, String type,
      byte[] payload) throws SQLException {
    Connection connection = writes.connection();
    long id = lastId(connection) + 1;
    String sql = "INSERT INTO call_event_log (" + COLUMNS + ", logged_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    Instant loggedAt = writes.loggedAt();
    try (PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setLong(1, id);
      insert.setString(2, callId);
      insert.setString(3, orgId);
      insert.setString(4, Timestamps.format(occurredAt));
      insert.setString(5, type);
      insert.setBytes(6, payload);
      insert.setString(7, Timestamps.format(loggedAt));
      insert.executeUpdate();
    }
    if (id % PRUNE_EVERY == 0) {
      prune(connection, id, loggedAt.minus(MAX_AGE));
    }
    return new LoggedEvent(id, callId, orgId, occurredAt, type, payload);
  }

  /** Deletes rows outside the window; never the newest one (it carries the sequence). */
  static int prune(Connection connection, long newest, Instant loggedBefore) throws SQLException {
    String sql = "DELETE FROM call_event_log WHERE id < ? AND (id <= ? OR logged_at < ?)";
    try (PreparedStatement delete = connection.prepareStatement(sql)) {
      delete.setLong(1, newest);
      delete.setLong(2, newest - MAX_ROWS);
      delete.setString(3, Timestamps.format(Timestamps.clamp(loggedBefore)));
      return delete.executeUpdate();
    }
  }

  /** The newest event id logged (0 when none ever was). */
  public long lastId() throws SQLException {
    return database.read(CallEventLog::lastId);
  }

  /**
   * Up to {@code limit} events after {@code afterId}, oldest first; only the call's when {@code callId} is not null,
   * only the organization's when {@code orgId} is not null.
   */
  public List<LoggedEvent> after(long afterId, String callId, String orgId, int limit) throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM call_event_log WHERE id > ?");
    if (callId != null) {
      sql.append(" AND call_id = ?");
    }
    if (orgId != null) {
      sql.append(" AND org_id = ?");
    }
    sql.append(" ORDER BY id LIMIT ?");
    return database.read(connection -> {
      try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
        int i = 1;
        select.setLong(i++, afterId);
        if (callId != null) {
          select.setString(i++, callId);
        }
        if (orgId != null) {
          select.setString(i++, orgId);
        }
        select.setInt(i, limit);
        List<LoggedEvent> events = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            events.add(new LoggedEvent(rows.getLong(1), rows.getString(2), rows.getString(3),
                Timestamps.parse(rows.getString(4)), rows.getString(5), rows.getBytes(6)));
          }
        }
        return events;
      }
    });
  }

  private static long lastId(Connection connection) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT MAX(id) FROM call_event_log");
        ResultSet rows = select.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }
}
