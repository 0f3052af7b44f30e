package dev.voiceengine.control.store;

import dev.voiceengine.control.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes an SQLite store owner-only. SQLite creates a new database file with mode 0644 (less the umask), and its
 * {@code -wal} and {@code -shm} files (and a rollback journal) with the mode of the database file (os_unix.c,
 * {@code findCreateFileMode}). A umask cannot be set for one thread in Java, so instead the database file is created
 * here, empty and 0600, before SQLite first opens it (SQLite takes an empty file as a new database); the files SQLite
 * makes next to it then come out 0600 too. Files an earlier version left open to others are tightened before the
 * first open, and the data folder itself is 0700 anyway.
 */
public final class SqliteFiles {
  private static final String PREFIX = "jdbc:sqlite:";
  private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

  private SqliteFiles() {}

  /**
   * For a {@code jdbc:sqlite:<path>} URL: creates the database file owner-only or tightens it and its companions.
   * Other URLs (PostgreSQL, in-memory, {@code file:} URIs) are left alone.
   */
  public static void ownerOnly(String jdbcUrl) throws IOException {
    Path db = databaseFile(jdbcUrl);
    if (db == null) {
      return;
    }
    OwnerOnlyFiles.file(db);
    for (String suffix : COMPANIONS) {
      OwnerOnlyFiles.tighten(db.resolveSibling(db.getFileName() + suffix));
    }
  }

  /** The database file of a plain SQLite URL, or null. */
  static Path databaseFile(String jdbcUrl) {
    if (!jdbcUrl.startsWith(PREFIX)) {
      return null;
    }
    String path = jdbcUrl.substring(PREFIX.length());
    if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:") || path.contains("?")) {
      return null;
    }
    return Path.of(path);
  }
}
