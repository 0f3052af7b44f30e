package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads calls: one by id (alone or with its conversation), a filtered, sorted page, or the transcripts of a page.
 * Blocking JDBC: run it off event loops.
 */
public final class CallQueries {
  /** The most calls {@link #transcripts} reads at once (a page of the list). */
  public static final int MAX_IDS = 100;

  private final Database database;

  public CallQueries(Database database) {
    this.database = database;
  }

  /** The call with this id, if stored. */
  public Optional<CallRecord> find(String id) throws SQLException {
    return database.read(connection -> find(connection, id));
  }

  /** The call with this id with its transcript, provider failures and provider usage, if stored. */
  public Optional<CallDetails> findDetails(String id) throws SQLException {
    return database.read(connection -> {
      Optional<CallRecord> call = find(connection, id);
      if (call.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new CallDetails(call.get(), TurnRows.of(connection, id),
          ProviderErrorRows.of(connection, id), UsageRows.of(connection, id)));
    });
  }

  /** The turns of one call by index (empty when it has none or is unknown). */
  public List<CallTurn> transcript(String id) throws SQLException {
    return database.read(connection -> TurnRows.of(connection, id));
  }

  /** The turns of these calls by index, per call id; a call without turns has no entry. At most 100 ids. */
  public Map<String, List<CallTurn>> transcripts(Collection<String> ids) throws SQLException {
    if (ids.size() > MAX_IDS) {
      throw new IllegalArgumentException("at most " + MAX_IDS + " calls at once, not " + ids.size());
    }
    return database.read(connection -> TurnRows.of(connection, ids));
  }

  /** The call with this id as the given connection (an open transaction) sees it. */
  public static Optional<CallRecord> find(Connection connection, String id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(CallRows.SELECT + " WHERE id = ?")) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(CallRows.read(rows)) : Optional.empty();
      }
    }
  }

  /** The page of calls the filter selects, newest first, with the number of all matching calls. */
  public CallPage list(CallFilter filter) throws SQLException {
    Where where = Where.of(filter);
    return database.read(connection -> {
      long total;
      try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM calls" + where.sql)) {
        where.bind(count, 1);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          total = rows.getLong(1);
        }
      }
      List<CallRecord> calls = new ArrayList<>();
      if (filter.limit() > 0 && filter.offset() < total) {
        String sql = CallRows.SELECT + where.sql + " ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
          int next = where.bind(select, 1);
          select.setInt(next, filter.limit());
          select.setLong(next + 1, filter.offset());
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              calls.add(CallRows.read(rows));
            }
          }
        }
      }
      return new CallPage(calls, total);
    });
  }

  /** The WHERE clause of a filter and its text parameters, in order. */
  private record Where(String sql, List<String> params) {
    static Where of(CallFilter filter) {
      List<String> clauses = new ArrayList<>();
      List<String> params = new ArrayList<>();
      if (filter.direction() != null) {
        clauses.add("direction = ?");
        params.add(filter.direction().wire());
      }
      if (filter.status() != null) {
        clauses.add("status = ?");
        params.add(filter.status().wire());
      }
      if (filter.startedFrom() != null) {
        clauses.add("started_at >= ?");
        params.add(Timestamps.format(Timestamps.clamp(ceilToMillis(filter.startedFrom()))));
      }
      if (filter.startedTo() != null) {
        clauses.add("started_at <= ?");
        params.add(Timestamps.format(Timestamps.clamp(filter.startedTo())));
      }
      if (filter.agentId() != null) {
        clauses.add("agent_id = ?");
        params.add(filter.agentId());
      }
      String sql = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
      return new Where(sql, List.copyOf(params));
    }

    /** Stored times have millisecond precision: a lower bound inside a millisecond starts at the next one. */
    private static Instant ceilToMillis(Instant instant) {
      Instant floor = instant.truncatedTo(ChronoUnit.MILLIS);
      return floor.equals(instant) ? floor : floor.plusMillis(1);
    }

    int bind(PreparedStatement statement, int first) throws SQLException {
      int i = first;
      for (String param : params) {
        statement.setString(i++, param);
      }
      return i;
    }
  }
}
