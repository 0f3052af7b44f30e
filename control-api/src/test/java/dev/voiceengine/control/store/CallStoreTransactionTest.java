package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many writes behind one commit, on a connection kept open between transactions. */
class CallStoreTransactionTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final String A = "00000000-0000-0000-0000-00000000000a";
  static final String B = "00000000-0000-0000-0000-00000000000b";
  static final CallStart START = new CallStart("s", CallDirection.INBOUND, "a", "b", "demo", "t", null);

  @TempDir Path dir;
  Database database;
  CallQueries queries;
  CallStore store;

  @BeforeEach
  void setUp() {
    database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    queries = new CallQueries(database);
    store = new CallStore(database, Clock.fixed(T0, ZoneOffset.UTC));
  }

  @Test
  void writesInOneTransactionAreCommittedTogetherOrNotAtAll() throws Exception {
    assertThatThrownBy(() -> store.inOneTransaction(w -> {
      w.offered(A, T0, START);
      w.offered(B, T0, START);
      throw new SQLException("refused");
    })).hasMessage("refused");
    assertThat(queries.find(A)).isEmpty();
    assertThat(queries.find(B)).isEmpty();

    store.inOneTransaction(w -> {
      w.offered(A, T0, START);
      w.answered(A, T0.plusSeconds(1), "PCMU/8000", null);
      return w.offered(B, T0, START);
    });
    assertThat(queries.find(A).orElseThrow().status()).as("later writes see earlier ones of the same transaction")
        .isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(queries.find(B)).isPresent();
  }

  @Test
  void theConnectionStaysOpenBetweenWritesSoSqliteKeepsItsWal() throws Exception {
    Path wal = dir.resolve("calls.db-wal");
    store.offered(A, T0, START);
    assertThat(wal).as("closing the last connection would checkpoint and delete the WAL").exists();
    store.answered(A, T0.plusSeconds(1), null, null);
    assertThat(Files.size(wal)).isPositive();

    store.close();
    assertThat(wal).as("closed: SQLite checkpointed and removed it").doesNotExist();
    store.ended(A, T0.plusSeconds(9), new CallEnd("caller_hangup", null, null, null, null, null));
    assertThat(queries.find(A).orElseThrow().status()).as("a write after close opens a new connection")
        .isEqualTo(CallStatus.COMPLETED);
    store.close();
  }

  @Test
  void aFailedTransactionLeavesTheStoreUsable() throws Exception {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO calls (id, status, started_at, created_at, updated_at) VALUES ('" + B
          + "', 'on-hold', '2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z', '2025-03-01T10:00:00.000Z')");
    }
    assertThatThrownBy(() -> store.inOneTransaction(w -> {
      w.offered(A, T0, START);
      return w.answered(B, T0, null, null);
    })).isInstanceOf(SQLException.class).hasMessageContaining("on-hold");
    assertThat(queries.find(A)).isEmpty();

    store.offered(A, T0, START);
    assertThat(queries.find(A)).isPresent();
  }

  @Test
  void theKeptConnectionHoldsNoLockBetweenTransactions() throws Exception {
    store.offered(A, T0, START);
    try (Connection other = database.connect(); Statement s = other.createStatement()) {
      s.execute("PRAGMA busy_timeout = 0");
      s.execute("BEGIN IMMEDIATE"); // fails at once with SQLITE_BUSY if the store still holds a write transaction
      s.executeUpdate("UPDATE calls SET agent_id = 'other' WHERE id = '" + A + "'");
      s.execute("COMMIT");
    }
    assertThat(queries.find(A).orElseThrow().agentId()).isEqualTo("other");
    store.answered(A, T0.plusSeconds(1), null, null);
    assertThat(queries.find(A).orElseThrow().status()).isEqualTo(CallStatus.IN_PROGRESS);
  }
}
