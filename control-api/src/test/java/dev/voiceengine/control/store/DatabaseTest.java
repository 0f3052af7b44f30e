package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path dir;

  private Database database() {
    return Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
  }

  @Test
  void migrationsCreateTheSchemaOnceAndAreRepeatable() throws Exception {
    Database database = database();
    database.migrate();
    database.migrate();

    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      assertThat(strings(s, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank"))
          .containsExactlyElementsOf(shippedMigrationVersions());
      assertThat(strings(s, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))
          .contains("calls", "api_keys", "call_turns", "provider_errors", "call_provider_usage", "store_probe");
      assertThat(strings(s, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls'"))
          .contains("calls_started_idx", "calls_direction_idx", "calls_status_idx", "calls_agent_idx");
      assertThat(strings(s, "SELECT name FROM pragma_table_info('calls')"))
          .startsWith(CallRows.COLUMNS.toArray(String[]::new));
    }
  }

  /** The versions of the migrations this build ships, in order: each migration is applied once. */
  private static List<String> shippedMigrationVersions() throws Exception {
    Path folder = Path.of(DatabaseTest.class.getResource("/db/migration").toURI());
    try (var files = java.nio.file.Files.list(folder)) {
      return files.map(f -> f.getFileName().toString())
          .filter(n -> n.matches("V\\d+__.*\\.sql"))
          .map(n -> n.substring(1, n.indexOf("__")))
          .sorted(java.util.Comparator.comparingInt(Integer::parseInt))
          .toList();
    }
  }

  @Test
  void sqliteConnectionsUseWalAndABusyTimeout() throws Exception {
    Database database = database();
    database.migrate();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      assertThat(strings(s, "PRAGMA journal_mode")).containsExactly("wal");
      assertThat(strings(s, "PRAGMA busy_timeout")).containsExactly(String.valueOf(Database.BUSY_TIMEOUT_MILLIS));
    }
  }

  @Test
  void sqliteCommitsSyncTheWal() throws Exception {
    Database database = database();
    database.migrate();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      assertThat(strings(s, "PRAGMA synchronous")).as("FULL").containsExactly("2");
    }
  }

  @Test
  void aTransactionOnAKeptConnectionLeavesItInAutoCommitMode() throws Exception {
    Database database = database();
    database.migrate();
    try (Connection kept = database.connect()) {
      Database.transaction(kept, c -> {
        try (Statement s = c.createStatement()) {
          return s.executeUpdate("INSERT INTO api_keys (id, hash, name, created_at) VALUES ('a', 'h', 'n', 't')");
        }
      });
      assertThat(kept.getAutoCommit()).isTrue();
      assertThatThrownBy(() -> Database.transaction(kept, c -> {
        throw new SQLException("boom");
      })).hasMessage("boom");
      assertThat(kept.getAutoCommit()).isTrue();
      try (Statement s = kept.createStatement()) {
        assertThat(strings(s, "SELECT id FROM api_keys")).containsExactly("a");
      }
    }
  }

  @Test
  void aFailedTransactionIsRolledBack() throws Exception {
    Database database = database();
    database.migrate();
    assertThatThrownBy(() -> database.transaction(c -> {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO api_keys (id, hash, name, created_at) VALUES ('a', 'h', 'n', 't')");
      }
      throw new SQLException("boom");
    })).hasMessage("boom");
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      assertThat(strings(s, "SELECT id FROM api_keys")).isEmpty();
    }
  }

  static List<String> strings(Statement statement, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
