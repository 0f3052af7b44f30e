package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  /** The most calls whose rows are read with one statement (one IN list). */
  public static final int MAX_IDS = 100;

  private final Database database;

  public CallQueries(Database database) {
    this.database = database;
  }

  /** The operators' notes on the calls of this store (stamped with the system clock). */
  public CallNotes notes() {
    return new CallNotes(database, java.time.Clock.systemUTC());
  }

  /** Which organization each call and batch belongs to ({@link CallOrgs}). */
  public CallOrgs orgs() {
    return new CallOrgs(database);
  }

  /** Call minutes per day and direction ({@link UsageQueries}). */
  public UsageQueries usage() {
    return new UsageQueries(database);
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

  /** The conversations of these calls (a page of the list), per call id, read on one connection. */
  public Map<String, CallDetails> details(List<CallRecord> calls) throws SQLException {
    return database.read(connection -> {
      Map<String, CallDetails> details = new java.util.LinkedHashMap<>();
      for (CallRecord call : calls) {
        details.put(call.id(), new CallDetails(call, TurnRows.of(connection, call.id()),
            ProviderErrorRows.of(connection, call.id()), UsageRows.of(connection, call.id())));
      }
      return details;
    });
  }

  /** The turns of one call by index (empty when it has none or is unknown). */
  public List<CallTurn> transcript(String id) throws SQLException {
    return database.read(connection -> TurnRows.of(connection, id));
  }

  /** The keys pressed in one call in the order they were reported (empty when none or unknown). */
  public List<CallDtmf> dtmf(String id) throws SQLException {
    return database.read(connection -> DtmfRows.of(connection, id));
  }

  /** The turns of these calls by index, per call id; a call without turns has no entry. Read 100 ids at a time. */
  public Map<String, List<CallTurn>> transcripts(Collection<String> ids) throws SQLException {
    List<String> all = List.copyOf(ids);
    return database.read(connection -> {
      Map<String, List<CallTurn>> turns = new java.util.LinkedHashMap<>();
      for (int from = 0; from < all.size(); from += MAX_IDS) {
        turns.putAll(TurnRows.of(connection, all.subList(from, Math.min(all.size(), from + MAX_IDS))));
      }
      return turns;
    });
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

  /**
   * The page of calls the filter selects in its order, with the number of all matching calls (regardless of the
   * page) and whether more follow. One extra row is read to know that, so {@code hasMore} holds even while calls are
   * being added.
   */
  public CallPage list(CallFilter filter) throws SQLException {
    CallWhere where = CallWhere.of(filter);
    return database.read(connection -> {
      long total;
      try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM calls" + where.criteria())) {
        where.bindCriteria(count, 1);
        try (ResultSet rows = count.executeQuery()) {
          rows.next();
          total = rows.getLong(1);
        }
      }
      List<CallRecord> calls = new ArrayList<>();
      if (filter.limit() > 0 && (filter.after() != null || filter.offset() < total)) {
        String sql = CallRows.SELECT + where.page() + " LIMIT ? OFFSET ?";
        try (PreparedStatement select = connection.prepareStatement(sql)) {
          int next = where.bindPage(select, 1);
          select.setInt(next, filter.limit() + 1);
          select.setLong(next + 1, filter.offset());
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              calls.add(CallRows.read(rows));
            }
          }
        }
      }
      boolean more = calls.size() > filter.limit();
      if (more) {
        calls.remove(calls.size() - 1);
      }
      CallPosition next = more ? CallPosition.of(filter.orderBy(), calls.get(calls.size() - 1)) : null;
      return new CallPage(calls, total, more, next);
    });
  }
}
