package dev.voiceengine.control.store;

import dev.voiceengine.control.store.CallTransitions.Change;
import dev.voiceengine.control.store.CallTransitions.Transition;
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
 * Writes calls: applies lifecycle events (read the record, let {@link CallTransitions} decide, persist the
 * decision), stores the conversation (turns, provider failures, provider usage) idempotently so a replayed event
 * changes nothing, and at start fails the calls a previous process left unfinished. Each single write is its own
 * transaction; {@link #inOneTransaction} puts many writes behind one commit, which is how the event writer keeps up
 * with hundreds of events per second.
 *
 * <p>Writes go through one connection kept open between transactions. Opening and closing one per write makes
 * SQLite checkpoint the WAL whenever no other connection is open (two fsyncs, the WAL file deleted and created
 * again): milliseconds of CPU and disk per write, more than the write itself. Its statements are prepared once
 * ({@link ReusedStatements}). A transaction that fails closes it, so the next write starts on a fresh one.
 *
 * <p>Meant for a single writer thread; the read-decide-write cycle is not safe against a second concurrent writer
 * of the same call.
 */
public final class CallStore implements AutoCloseable {
  /** Outcome given to calls that were still live when the previous process stopped. */
  public static final String ENGINE_RESTART = "engine_restart";

  private final Database database;
  private final Clock clock;
  private final BatchListener batches;
  private Connection connection;
  private ReusedStatements statements;

  public CallStore(Database database, Clock clock) {
    this(database, clock, BatchListener.NONE);
  }

  /** A store that tells {@code batches} when an ended call completes its batch. */
  public CallStore(Database database, Clock clock, BatchListener batches) {
    this.database = database;
    this.clock = clock;
    this.batches = batches;
  }

  /** Writes done together: all of them are committed, or (when one throws) none. */
  @FunctionalInterface
  public interface Writes<T> {
    T run(CallWrites writes) throws SQLException;
  }

  /** Runs the writes in one transaction: committed when they return, rolled back when they throw. */
  public synchronized <T> T inOneTransaction(Writes<T> work) throws SQLException {
    if (connection == null) {
      connection = database.connect();
      statements = new ReusedStatements(connection);
    }
    try {
      return Database.transaction(statements.connection(), c -> work.run(new CallWrites(c, clock, batches)));
    } catch (SQLException | RuntimeException e) {
      closeConnection(e); // after a failure, trust nothing about the connection's state
      throw e;
    }
  }

  /** Closes the kept connection; a later write opens a new one. */
  @Override
  public synchronized void close() throws SQLException {
    if (connection != null) {
      Connection closing = connection;
      connection = null;
      try (closing) {
        statements.close();
      }
    }
  }

  private void closeConnection(Exception failure) {
    try {
      close();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /** Records that a call was offered at {@code at}. */
  public Transition offered(String id, Instant at, CallStart start) throws SQLException {
    return inOneTransaction(w -> w.offered(id, at, start));
  }

  /** Records that a call was answered at {@code at}; codec and recording may be null. */
  public Transition answered(String id, Instant at, String codec, String recording) throws SQLException {
    return inOneTransaction(w -> w.answered(id, at, codec, recording));
  }

  /** Records that a call ended at {@code at}, and what it used of its providers; see {@link CallWrites#ended}. */
  public Transition ended(String id, Instant at, CallEnd end) throws SQLException {
    return inOneTransaction(w -> w.ended(id, at, end));
  }

  /** What a conversation write did: how the call record changed, and whether the row was new. */
  public record Added(Change call, boolean added) {}

  /** Stores a turn of the call's conversation; see {@link CallWrites#turnCompleted}. */
  public Added turnCompleted(String id, Instant at, CallTurn turn) throws SQLException {
    return inOneTransaction(w -> w.turnCompleted(id, at, turn));
  }

  /** Stores a provider failure reported at {@code at}; see {@link CallWrites#providerFailed}. */
  public Added providerFailed(String id, Instant at, ProviderError error) throws SQLException {
    return inOneTransaction(w -> w.providerFailed(id, at, error));
  }

  /**
   * Marks every dialing, ringing or in-progress call failed with outcome {@value #ENGINE_RESTART}, ended now. Their recording
   * path is kept (the WAV survives a crash); their duration stays unknown (null). Call once at start, before any
   * event is applied. Returns how many calls were closed.
   */
  public int failUnfinished() throws SQLException {
    return failUnfinished((connection, call) -> {});
  }

  /** Told of each call {@link #failUnfinished} closed, in its transaction (the webhook outbox queues call.ended). */
  @FunctionalInterface
  public interface Unfinished {
    void failed(Connection transaction, CallRecord call) throws SQLException;
  }

  /** As {@link #failUnfinished()}, telling {@code hook} of each call closed, in the same transaction. */
  public int failUnfinished(Unfinished hook) throws SQLException {
    String now = Timestamps.format(Timestamps.clamp(clock.instant()));
    return database.transaction(connection -> {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT id FROM calls WHERE status IN (?, ?, ?)")) {
        select.setString(1, CallStatus.RINGING.wire());
        select.setString(2, CallStatus.IN_PROGRESS.wire());
        select.setString(3, CallStatus.DIALING.wire());
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getString(1));
          }
        }
      }
      int closed = closeUnfinished(connection, now);
      for (String id : ids) {
        Optional<CallRecord> call = CallQueries.find(connection, id);
        if (call.isPresent()) {
          hook.failed(connection, call.get());
        }
      }
      return closed;
    });
  }

  private static int closeUnfinished(Connection connection, String now) throws SQLException {
    String sql = "UPDATE calls SET status = ?, outcome = ?, error = ?, ended_at = ?, updated_at = ?"
        + " WHERE status IN (?, ?, ?)";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, CallStatus.FAILED.wire());
      statement.setString(2, ENGINE_RESTART);
      statement.setString(3, "the engine stopped before the call ended");
      statement.setString(4, now);
      statement.setString(5, now);
      statement.setString(6, CallStatus.RINGING.wire());
      statement.setString(7, CallStatus.IN_PROGRESS.wire());
      statement.setString(8, CallStatus.DIALING.wire()); // handed to the engine, fate unknown: never re-dialled
      return statement.executeUpdate();
    }
  }
}
