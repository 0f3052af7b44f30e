package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** The database and the journal files SQLite makes beside it are the owner's alone, also when SQLite creates them. */
class SqliteFilesTest {
  @TempDir Path dir;

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  /** Every form of storage.url the configuration accepts: a path, a file: URI, either with the driver's pragmas. */
  @ParameterizedTest
  @ValueSource(strings = {"jdbc:sqlite:%s", "jdbc:sqlite:%s?journal_mode=WAL", "jdbc:sqlite:file:%s",
      "jdbc:sqlite:file://%s?mode=rwc"})
  void theDatabaseAndItsWalAndShmAreOwnerOnly(String form) throws Exception {
    String url = form.formatted(dir.resolve("calls.db"));
    SqliteFiles.ownerOnly(url);
    Database database = Database.of(url);
    database.migrate();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE store_probe SET checked_at = 'x'");
      for (String f : List.of("calls.db", "calls.db-wal", "calls.db-shm")) {
        assertThat(mode(dir.resolve(f))).as(f).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void filesAnEarlierVersionLeftOpenAreTightened() throws Exception {
    for (String f : List.of("calls.db", "calls.db-wal", "calls.db-shm")) {
      Files.createFile(dir.resolve(f));
      Files.setPosixFilePermissions(dir.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
    }
    SqliteFiles.ownerOnly("jdbc:sqlite:" + dir.resolve("calls.db"));
    for (String f : List.of("calls.db", "calls.db-wal", "calls.db-shm")) {
      assertThat(mode(dir.resolve(f))).as(f).isEqualTo("rw-------");
    }
  }

  @Test
  void onlySqliteFilesAreTouched() {
    assertThat(SqliteFiles.databaseFile("jdbc:sqlite:/var/lib/ve/calls.db")).isEqualTo(Path.of("/var/lib/ve/calls.db"));
    assertThat(SqliteFiles.databaseFile("jdbc:sqlite::memory:")).isNull();
    assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file:x.db?mode=ro")).isNull();
    assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file:x.db?cache=shared&mode=memory")).isNull();
    assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file::memory:?cache=shared")).isNull();
    assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file:x.db")).isEqualTo(Path.of("x.db"));
    assertThat(SqliteFiles.databaseFile("jdbc:sqlite:file:///var/lib/ve/calls%20db")).isEqualTo(
        Path.of("/var/lib/ve/calls db"));
    assertThat(SqliteFiles.databaseFile("jdbc:sqlite:/var/lib/ve/calls.db?journal_mode=WAL")).isEqualTo(
        Path.of("/var/lib/ve/calls.db"));
    assertThat(SqliteFiles.databaseFile("jdbc:postgresql://db/calls")).isNull();
  }
}
