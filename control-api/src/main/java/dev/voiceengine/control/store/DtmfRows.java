package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps {@link CallDtmf} to and from rows of call_dtmf. The next seq is taken in the insert itself; a replayed key press
 * (same source, time and digit) meets its first copy in the unique key and is not stored again.
 */
final class DtmfRows {
  // SQLite needs the WHERE of an INSERT ... SELECT to tell the upsert's ON CONFLICT from a join's ON.
  private static final String INSERT = "INSERT INTO call_dtmf (call_id, seq, digit, at_ms, duration_ms, source)"
      + " SELECT ?, COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ? FROM call_dtmf WHERE call_id = ?"
      + " ON CONFLICT DO NOTHING";
  private static final String SELECT = "SELECT seq, digit, at_ms, duration_ms, source FROM call_dtmf"
      + " WHERE call_id = ? ORDER BY seq";

  private DtmfRows() {}

  /** Stores the key press unless the same one is stored already; whether it was stored. */
  static boolean insert(Connection connection, String callId, CallDtmf dtmf) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(INSERT)) {
      s.setString(1, callId);
      s.setString(2, dtmf.digit());
      s.setLong(3, dtmf.atMs());
      s.setLong(4, dtmf.durationMs());
      s.setString(5, dtmf.source());
      s.setString(6, callId);
      return s.executeUpdate() > 0;
    }
  }

  /** The call's key presses in the order they were reported. */
  static List<CallDtmf> of(Connection connection, String callId) throws SQLException {
    List<CallDtmf> keys = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(SELECT)) {
      s.setString(1, callId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          keys.add(new CallDtmf(r.getInt("seq"), r.getString("digit"), r.getLong("at_ms"), r.getLong("duration_ms"),
              r.getString("source")));
        }
      }
    }
    return keys;
  }
}
