package dev.voiceengine.control.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The api_keys table: only SHA-256 hashes (lower-case hex) of keys are stored, each with a name. */
public final class ApiKeyStore {
  private final Database database;
  private final Clock clock;

  public ApiKeyStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Stores the hash under a new id unless it is already there; true when it was added. */
  public boolean ensure(String hashHex, String name) throws SQLException {
    return database.transaction(connection -> {
      try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM api_keys WHERE hash = ?")) {
        find.setString(1, hashHex);
        try (ResultSet rows = find.executeQuery()) {
          if (rows.next()) {
            return false;
          }
        }
      }
      String sql = "INSERT INTO api_keys (id, hash, name, created_at) VALUES (?, ?, ?, ?)";
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, hashHex);
        insert.setString(3, name);
        insert.setString(4, Timestamps.format(Timestamps.clamp(clock.instant())));
        insert.executeUpdate();
        return true;
      }
    });
  }

  /** Removes the keys stored under {@code name} whose hash is not in {@code keep}; returns how many. */
  public int removeOthers(String name, java.util.Collection<String> keep) throws SQLException {
    return database.transaction(connection -> {
      List<String> doomed = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT hash FROM api_keys WHERE name = ?")) {
        select.setString(1, name);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            if (!keep.contains(rows.getString(1))) {
              doomed.add(rows.getString(1));
            }
          }
        }
      }
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM api_keys WHERE hash = ?")) {
        for (String hash : doomed) {
          delete.setString(1, hash);
          delete.executeUpdate();
        }
      }
      return doomed.size();
    });
  }

  /** Every stored hash. */
  public List<String> hashes() throws SQLException {
    return database.read(connection -> {
      List<String> hashes = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT hash FROM api_keys ORDER BY created_at");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          hashes.add(rows.getString(1));
        }
      }
      return hashes;
    });
  }
}
