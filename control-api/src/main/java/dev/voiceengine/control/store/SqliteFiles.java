package dev.voiceengine.control.store;

import dev.voiceengine.control.files.OwnerOnlyFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
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
   * For an SQLite URL naming a file ({@link #databaseFile}): creates the database file owner-only or tightens it and
   * its companions. Other URLs (PostgreSQL, in-memory) are left alone.
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

  /**
   * The database file of an SQLite URL the configuration accepts: a path, or a {@code file:} URI (RFC 8089, as
   * SQLite reads it), either with {@code ?} parameters (the driver's pragmas); null for in-memory and read-only
   * databases, other databases, and URIs that cannot be read.
   */
  static Path databaseFile(String jdbcUrl) {
    if (!jdbcUrl.startsWith(PREFIX)) {
      return null;
    }
    String path = jdbcUrl.substring(PREFIX.length());
    int query = path.indexOf('?');
    String params = query < 0 ? "" : "&" + path.substring(query + 1) + "&";
    path = query < 0 ? path : path.substring(0, query);
    if (params.contains("&mode=memory&") || params.contains("&mode=ro&")) {
      return null;
    }
    if (path.startsWith("file:")) {
      try {
        URI uri = new URI(path);
        path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
      } catch (URISyntaxException e) {
        return null;
      }
    }
    if (path == null || path.isEmpty() || path.startsWith(":")) {
      return null;
    }
    return Path.of(path);
  }
}
