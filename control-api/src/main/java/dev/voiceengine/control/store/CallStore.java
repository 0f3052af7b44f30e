package dev.voiceengine.control.store;

import dev.voiceengine.control.store.CallTransitions.Change;
import dev.voiceengine.control.store.CallTransitions.Transition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes calls: applies one lifecycle event in one transaction (read the record, let {@link CallTransitions}
 * decide, persist the decision), stores the conversation (turns, provider failures, provider usage) idempotently so
 * a replayed event changes nothing, and at start fails the calls a previous process left unfinished.
 *
 * <p>Meant for a single writer thread; the read-decide-write cycle is not safe against a second concurrent writer
 * of the same call.
 */
public final class CallStore {
  /** Outcome given to calls that were still live when the previous process stopped. */
  public static final String ENGINE_RESTART = "engine_restart";

  private final Database database;
  private final Clock clock;

  public CallStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Records that a call was offered at {@code at}. */
  public Transition offered(String id, Instant at, CallStart start) throws SQLException {
    return apply(id, existing -> CallTransitions.offered(existing, id, at, start, now()));
  }

  /** Records that a call was answered at {@code at}; codec and recording may be null. */
  public Transition answered(String id, Instant at, String codec, String recording) throws SQLException {
    return apply(id, existing -> CallTransitions.answered(existing, id, at, codec, recording, now()));
  }

  /**
   * Records that a call ended at {@code at}, and what it used of its providers (in the same transaction; usage
   * already stored for a capability stays, so a replayed end changes nothing).
   */
  public Transition ended(String id, Instant at, CallEnd end) throws SQLException {
    return database.transaction(connection -> {
      Transition transition = apply(connection, id, existing -> CallTransitions.ended(existing, id, at, end, now()));
      if (end.usage() != null) {
        UsageRows.insert(connection, id, end.usage());
      }
      return transition;
    });
  }

  /** What a conversation write did: how the call record changed, and whether the row was new. */
  public record Added(Change call, boolean added) {}

  /**
   * Stores a turn of the call's conversation that ended at {@code at}. A turn whose index the call already has is
   * not stored again ({@code added} false). An unknown call is created in progress (see
   * {@link CallTransitions#duringCall}).
   */
  public Added turnCompleted(String id, Instant at, CallTurn turn) throws SQLException {
    return duringCall(id, at, turn.endMs(), connection -> TurnRows.insert(connection, id, turn));
  }

  /**
   * Stores a provider failure reported at {@code at}. The same failure (same time from answer, capability, provider
   * and code) is not stored twice. An unknown call is created in progress.
   */
  public Added providerFailed(String id, Instant at, ProviderError error) throws SQLException {
    return duringCall(id, at, error.atMs(), connection -> ProviderErrorRows.insert(connection, id, at, error));
  }

  /**
   * Marks every ringing or in-progress call failed with outcome {@value #ENGINE_RESTART}, ended now. Their recording
   * path is kept (the WAV survives a crash); their duration stays unknown (null). Call once at start, before any
   * event is applied. Returns how many calls were closed.
   */
  public int failUnfinished() throws SQLException {
    String now = Timestamps.format(now());
    return database.transaction(connection -> {
      String sql = "UPDATE calls SET status = ?, outcome = ?, error = ?, ended_at = ?, updated_at = ?"
          + " WHERE status IN (?, ?)";
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setString(1, CallStatus.FAILED.wire());
        statement.setString(2, ENGINE_RESTART);
        statement.setString(3, "the engine stopped before the call ended");
        statement.setString(4, now);
        statement.setString(5, now);
        statement.setString(6, CallStatus.RINGING.wire());
        statement.setString(7, CallStatus.IN_PROGRESS.wire());
        return statement.executeUpdate();
      }
    });
  }

  private interface Rule {
    Transition decide(CallRecord existing);
  }

  private Transition apply(String id, Rule rule) throws SQLException {
    return database.transaction(connection -> apply(connection, id, rule));
  }

  private static Transition apply(Connection connection, String id, Rule rule) throws SQLException {
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
    boolean insert(Connection connection) throws SQLException;
  }

  /** Creates the call when unknown, stores the row, and marks a known call updated when the row was new. */
  private Added duringCall(String id, Instant at, long sinceAnswerMs, Row row) throws SQLException {
    return database.transaction(connection -> {
      Instant now = now();
      Transition transition = apply(connection, id,
          existing -> CallTransitions.duringCall(existing, id, at, sinceAnswerMs, now));
      boolean added = row.insert(connection);
      if (added && transition.change() == Change.UNCHANGED) {
        try (PreparedStatement touch = connection.prepareStatement("UPDATE calls SET updated_at = ? WHERE id = ?")) {
          touch.setString(1, Timestamps.format(now));
          touch.setString(2, id);
          touch.executeUpdate();
        }
      }
      return new Added(transition.change(), added);
    });
  }

  private Instant now() {
    return Timestamps.clamp(clock.instant());
  }
}
