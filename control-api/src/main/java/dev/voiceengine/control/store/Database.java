package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Where the call store lives: hands out JDBC connections and brings the schema up to date with Flyway.
 *
 * <p>SQLite connections are opened in WAL mode (readers never wait for the writer) with a busy timeout, and
 * transactions begin IMMEDIATE so a read-then-write transaction cannot fail half way on a lock upgrade. Any other
 * JDBC URL (PostgreSQL at scale) goes through {@link DriverManager}. Reads open a connection per operation; the call
 * writer keeps one open ({@link CallStore}).
 *
 * <p>{@code synchronous=FULL}: every commit syncs the WAL, so a call record that was committed survives a power cut
 * or an OS crash. With {@code NORMAL} (the usual WAL choice) a commit is only written to the OS, and the WAL is
 * synced at checkpoints (every ~1000 pages): a power cut could take back every commit since the last one, which on a
 * quiet engine can be hours of calls, though the file stays consistent and a process crash loses nothing. FULL is
 * affordable because the event writer commits a batch of events at once (one sync per batch, and batches grow when
 * syncs are slow). What a power cut can still lose is what never reached the store: the events waiting in the
 * writer's memory queue (usually one batch) and an event that was being appended to pending-events.pb.
 */
public final class Database {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /** How long an SQLite connection waits for a lock before failing. */
  static final int BUSY_TIMEOUT_MILLIS = 5_000;

  private final String url;
  private final SQLiteDataSource sqlite;

  private Database(String url, SQLiteDataSource sqlite) {
    this.url = url;
    this.sqlite = sqlite;
  }

  /** A database for this JDBC URL; nothing is opened yet. */
  public static Database of(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:sqlite:")) {
      return new Database(jdbcUrl, null);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(jdbcUrl);
    return new Database(jdbcUrl, dataSource);
  }

  /** The JDBC URL. */
  public String url() {
    return url;
  }

  /** A new connection in auto-commit mode; the caller closes it. */
  public Connection connect() throws SQLException {
    return sqlite != null ? sqlite.getConnection() : DriverManager.getConnection(url);
  }

  /** Applies the migrations in classpath:db/migration that this database has not seen yet. */
  public void migrate() {
    var configuration = Flyway.configure(Database.class.getClassLoader())
        .locations("classpath:db/migration")
        .failOnMissingLocations(true);
    configuration = sqlite != null ? configuration.dataSource(sqlite) : configuration.dataSource(url, null, null);
    MigrateResult result = configuration.load().migrate();
    log.info("Call store {} at schema version {} ({} migrations applied)",
        url, result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        result.migrationsExecuted);
  }

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs work on a fresh connection in auto-commit mode. */
  public <T> T read(Work<T> work) throws SQLException {
    try (Connection connection = connect()) {
      return work.run(connection);
    }
  }

  /** Runs work in one transaction on a fresh connection: committed when it returns, rolled back when it throws. */
  public <T> T transaction(Work<T> work) throws SQLException {
    try (Connection connection = connect()) {
      return transaction(connection, work);
    }
  }

  /**
   * Runs work in one transaction on a connection the caller keeps open: committed when it returns, rolled back when
   * it throws; the connection is back in auto-commit mode afterwards (the SQLite driver would otherwise begin the
   * next IMMEDIATE transaction at once and hold the write lock while idle).
   */
  public static <T> T transaction(Connection connection, Work<T> work) throws SQLException {
    connection.setAutoCommit(false);
    T result;
    try {
      result = work.run(connection);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    }
    connection.setAutoCommit(true);
    return result;
  }
}
