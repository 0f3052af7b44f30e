package dev.voiceengine.control.store;

import dev.voiceengine.control.store.CallTransitions.Change;
import dev.voiceengine.control.store.CallTransitions.Transition;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes calls: applies one lifecycle event in one transaction (read the record, let {@link CallTransitions}
 * decide, persist the decision), and at start fails the calls a previous process left unfinished.
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

  /** Records that a call ended at {@code at}. */
  public Transition ended(String id, Instant at, CallEnd end) throws SQLException {
    return apply(id, existing -> CallTransitions.ended(existing, id, at, end, now()));
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
    return database.transaction(connection -> {
      Optional<CallRecord> existing = CallQueries.find(connection, id);
      Transition transition = rule.decide(existing.orElse(null));
      if (transition.change() == Change.CREATED || transition.change() == Change.CREATED_WITHOUT_OFFER) {
        CallRows.insert(connection, transition.record());
      } else if (transition.change() == Change.UPDATED) {
        CallRows.update(connection, transition.record());
      }
      return transition;
    });
  }

  private Instant now() {
    return Timestamps.clamp(clock.instant());
  }
}
