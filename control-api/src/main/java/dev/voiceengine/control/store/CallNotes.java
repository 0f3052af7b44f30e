package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Operators' notes on calls (table call_notes, V8). Notes are written by API requests, not by call events, so they
 * have their own short transaction instead of the event writer's. Blocking JDBC: run it off event loops.
 */
public final class CallNotes {
  private static final String COLUMNS = "id, call_id, author, text, created_at";

  private final Database database;
  private final Clock clock;

  public CallNotes(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Whether there is a call with this id. */
  public boolean callExists(String callId) throws SQLException {
    return database.read(connection -> exists(connection, callId));
  }

  private static boolean exists(Connection connection, String callId) throws SQLException {
    try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM calls WHERE id = ?")) {
      exists.setString(1, callId);
      try (ResultSet r = exists.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Adds a note to the call, stamped now; empty when there is no such call. */
  public Optional<CallNote> add(String callId, String author, String text) throws SQLException {
    return database.transaction(connection -> {
      if (!exists(connection, callId)) {
        return Optional.empty();
      }
      CallNote note = new CallNote(UUID.randomUUID().toString(), callId, author, text,
          Timestamps.clamp(clock.instant()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
      try (PreparedStatement s = connection.prepareStatement(
          "INSERT INTO call_notes (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
        s.setString(1, note.id());
        s.setString(2, note.callId());
        s.setString(3, note.author());
        s.setString(4, note.text());
        s.setString(5, Timestamps.format(note.createdAt()));
        s.executeUpdate();
      }
      return Optional.of(note);
    });
  }

  /** The call's notes, oldest first. */
  public List<CallNote> of(String callId) throws SQLException {
    return database.read(connection -> of(connection, List.of(callId)).getOrDefault(callId, List.of()));
  }

  /** The notes of these calls, oldest first, per call id; a call without notes has no entry. */
  public Map<String, List<CallNote>> of(Collection<String> callIds) throws SQLException {
    return database.read(connection -> of(connection, callIds));
  }

  static Map<String, List<CallNote>> of(Connection connection, Collection<String> callIds) throws SQLException {
    Map<String, List<CallNote>> notes = new LinkedHashMap<>();
    List<String> ids = List.copyOf(callIds);
    for (int from = 0; from < ids.size(); from += CallQueries.MAX_IDS) {
      List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CallQueries.MAX_IDS));
      String marks = String.join(", ", chunk.stream().map(id -> "?").toList());
      String sql = "SELECT " + COLUMNS + " FROM call_notes WHERE call_id IN (" + marks + ")"
          + " ORDER BY call_id, created_at, id";
      try (PreparedStatement s = connection.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          s.setString(i + 1, chunk.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            notes.computeIfAbsent(r.getString("call_id"), id -> new ArrayList<>()).add(new CallNote(
                r.getString("id"), r.getString("call_id"), r.getString("author"), r.getString("text"),
                Timestamps.parse(r.getString("created_at"))));
          }
        }
      }
    }
    return notes;
  }
}
