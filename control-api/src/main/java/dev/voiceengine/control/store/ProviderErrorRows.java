package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@link ProviderError} to and from rows of provider_errors. The key columns (capability, provider, code) hold
 * '' for "not said", so that a replayed failure meets its first copy in the primary key; they read back as null.
 */
final class ProviderErrorRows {
  private static final String INSERT = "INSERT INTO provider_errors"
      + " (call_id, at_ms, capability, provider, code, message, action, occurred_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (call_id, at_ms, capability, provider, code) DO NOTHING";
  private static final String SELECT = "SELECT at_ms, capability, provider, code, message, action FROM provider_errors"
      + " WHERE call_id = ? ORDER BY at_ms, occurred_at, capability, provider, code";

  private ProviderErrorRows() {}

  /** Stores the failure unless the same one is stored already; whether it was stored. */
  static boolean insert(Connection connection, String callId, Instant at, ProviderError e) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(INSERT)) {
      s.setString(1, callId);
      s.setLong(2, e.atMs());
      s.setString(3, key(e.capability()));
      s.setString(4, key(e.provider()));
      s.setString(5, key(e.code()));
      CallRows.text(s, 6, e.message());
      CallRows.text(s, 7, e.action());
      s.setString(8, Timestamps.format(at));
      return s.executeUpdate() > 0;
    }
  }

  /** The call's provider failures in the order they happened. */
  static List<ProviderError> of(Connection connection, String callId) throws SQLException {
    List<ProviderError> errors = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(SELECT)) {
      s.setString(1, callId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          errors.add(new ProviderError(unkey(r.getString("capability")), unkey(r.getString("provider")),
              unkey(r.getString("code")), r.getString("message"), r.getLong("at_ms"), r.getString("action")));
        }
      }
    }
    return errors;
  }

  private static String key(String value) {
    return value == null ? "" : value;
  }

  private static String unkey(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
