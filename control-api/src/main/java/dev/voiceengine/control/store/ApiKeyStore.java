package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The api_keys and organizations tables: only SHA-256 hashes (lower-case hex) of keys are stored, each with a name
 * (how it came: config, generated, cli), its organization, the first characters of the key (shown in lists so an
 * operator can tell keys apart and revoke one) and when it was revoked. A revoked key stays listed but no longer
 * authenticates.
 */
public final class ApiKeyStore {
  /** The organization of configured and generated keys, and of everything stored before organizations. */
  public static final String DEFAULT_ORG = "default";

  private final Database database;
  private final Clock clock;

  /** A stored key as lists show it: never the key, only its prefix. */
  public record StoredKey(String id, String prefix, String orgId, String name, String createdAt, String revokedAt) {}

  public ApiKeyStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Stores the hash for the default organization under a new id unless it is already there; true when added. */
  public boolean ensure(String hashHex, String name) throws SQLException {
    return ensure(hashHex, name, null, DEFAULT_ORG);
  }

  /**
   * Stores the hash (with its display prefix) for the organization, creating the organization when new, unless the
   * hash is already there; true when it was added.
   */
  public boolean ensure(String hashHex, String name, String prefix, String orgId) throws SQLException {
    return database.transaction(connection -> {
      try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM api_keys WHERE hash = ?")) {
        find.setString(1, hashHex);
        try (ResultSet rows = find.executeQuery()) {
          if (rows.next()) {
            return false;
          }
        }
      }
      String now = Timestamps.format(Timestamps.clamp(clock.instant()));
      ensureOrganization(connection, orgId, now);
      String sql = "INSERT INTO api_keys (id, hash, name, created_at, org_id, prefix) VALUES (?, ?, ?, ?, ?, ?)";
      try (PreparedStatement insert = connection.prepareStatement(sql)) {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, hashHex);
        insert.setString(3, name);
        insert.setString(4, now);
        insert.setString(5, orgId);
        insert.setString(6, prefix);
        insert.executeUpdate();
        return true;
      }
    });
  }

  /** Creates the organization unless it exists; true when created. */
  public boolean ensureOrganization(String orgId) throws SQLException {
    String now = Timestamps.format(Timestamps.clamp(clock.instant()));
    return database.transaction(connection -> ensureOrganization(connection, orgId, now));
  }

  private static boolean ensureOrganization(Connection connection, String orgId, String now) throws SQLException {
    try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM organizations WHERE id = ?")) {
      find.setString(1, orgId);
      try (ResultSet rows = find.executeQuery()) {
        if (rows.next()) {
          return false;
        }
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO organizations (id, name, created_at) VALUES (?, ?, ?)")) {
      insert.setString(1, orgId);
      insert.setString(2, orgId);
      insert.setString(3, now);
      insert.executeUpdate();
      return true;
    }
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

  /** Every hash that still authenticates (not revoked). */
  public List<String> hashes() throws SQLException {
    return List.copyOf(activeKeys().keySet());
  }

  /** Every hash that still authenticates, with its organization, oldest first. */
  public Map<String, String> activeKeys() throws SQLException {
    return database.read(connection -> {
      Map<String, String> keys = new LinkedHashMap<>();
      try (PreparedStatement select = connection.prepareStatement(
              "SELECT hash, org_id FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at, id");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.put(rows.getString(1), rows.getString(2));
        }
      }
      return keys;
    });
  }

  /** Every stored key (revoked ones too), oldest first, without hashes. */
  public List<StoredKey> list() throws SQLException {
    return database.read(connection -> {
      List<StoredKey> keys = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(
              "SELECT id, prefix, org_id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(new StoredKey(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
              rows.getString(5), rows.getString(6)));
        }
      }
      return keys;
    });
  }

  /**
   * Revokes the one unrevoked key whose prefix (or id) is {@code prefixOrId}. Returns the keys that matched before
   * revoking: exactly one means it is now revoked; none or several mean nothing changed.
   */
  public List<StoredKey> revoke(String prefixOrId) throws SQLException {
    String now = Timestamps.format(Timestamps.clamp(clock.instant()));
    return database.transaction(connection -> {
      List<StoredKey> matches = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT id, prefix, org_id, name, created_at,"
          + " revoked_at FROM api_keys WHERE revoked_at IS NULL AND (prefix = ? OR id = ?)")) {
        select.setString(1, prefixOrId);
        select.setString(2, prefixOrId);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            matches.add(new StoredKey(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getString(5), rows.getString(6)));
          }
        }
      }
      if (matches.size() == 1) {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE api_keys SET revoked_at = ? WHERE id = ?")) {
          update.setString(1, now);
          update.setString(2, matches.get(0).id());
          update.executeUpdate();
        }
      }
      return matches;
    });
  }
}
