package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.stream.Stream;

/** Maps {@link CallRecord} to and from rows of the calls table: the column list, binding and reading. */
final class CallRows {
  /** Every column of calls, in the order they are bound and read (and in the table: V3's columns come last). */
  static final List<String> COLUMNS = Stream.concat(Stream.of(
      "id", "sip_call_id", "direction", "from_number", "to_number", "agent_id", "trunk_id", "source", "codec",
      "status", "outcome", "error", "sip_status", "started_at", "answered_at", "ended_at", "duration_seconds",
      "recording", "recording_seconds", "packets_in", "packets_out", "bytes_in", "bytes_out", "packets_lost",
      "packets_late", "packets_duplicate", "packets_invalid", "jitter_ms", "max_jitter_ms", "dtmf_packets",
      "created_at", "updated_at", "recording_error", "recording_dropped_seconds"), CallPartRows.COLUMNS.stream())
      .toList();

  static final String SELECT = "SELECT " + String.join(", ", COLUMNS) + " FROM calls";

  private static final String INSERT = "INSERT INTO calls (" + String.join(", ", COLUMNS) + ") VALUES ("
      + String.join(", ", COLUMNS.stream().map(c -> "?").toList()) + ")";

  private static final String UPDATE = "UPDATE calls SET "
      + String.join(", ", COLUMNS.subList(1, COLUMNS.size()).stream().map(c -> c + " = ?").toList())
      + " WHERE id = ?";

  private CallRows() {}

  static void insert(Connection connection, CallRecord call) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(INSERT)) {
      statement.setString(1, call.id());
      bindAllButId(statement, 2, call);
      statement.executeUpdate();
    }
  }

  static void update(Connection connection, CallRecord call) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
      int next = bindAllButId(statement, 1, call);
      statement.setString(next, call.id());
      statement.executeUpdate();
    }
  }

  private static int bindAllButId(PreparedStatement s, int first, CallRecord c) throws SQLException {
    int i = first;
    text(s, i++, c.sipCallId());
    text(s, i++, c.direction() == null ? null : c.direction().wire());
    text(s, i++, c.fromNumber());
    text(s, i++, c.toNumber());
    text(s, i++, c.agentId());
    text(s, i++, c.trunkId());
    text(s, i++, c.source());
    text(s, i++, c.codec());
    text(s, i++, c.status().wire());
    text(s, i++, c.outcome());
    text(s, i++, c.error());
    integer(s, i++, c.sipStatus());
    text(s, i++, Timestamps.format(c.startedAt()));
    text(s, i++, Timestamps.format(c.answeredAt()));
    text(s, i++, Timestamps.format(c.endedAt()));
    real(s, i++, c.durationSeconds());
    text(s, i++, c.recording());
    real(s, i++, c.recordingSeconds());
    CallMedia m = c.media();
    bigint(s, i++, m == null ? null : m.packetsIn());
    bigint(s, i++, m == null ? null : m.packetsOut());
    bigint(s, i++, m == null ? null : m.bytesIn());
    bigint(s, i++, m == null ? null : m.bytesOut());
    bigint(s, i++, m == null ? null : m.packetsLost());
    bigint(s, i++, m == null ? null : m.packetsLate());
    bigint(s, i++, m == null ? null : m.packetsDuplicate());
    bigint(s, i++, m == null ? null : m.packetsInvalid());
    real(s, i++, m == null ? null : m.jitterMs());
    real(s, i++, m == null ? null : m.maxJitterMs());
    bigint(s, i++, m == null ? null : m.dtmfPackets());
    text(s, i++, Timestamps.format(c.createdAt()));
    text(s, i++, Timestamps.format(c.updatedAt()));
    text(s, i++, c.recordingError());
    real(s, i++, c.recordingDroppedSeconds());
    return CallPartRows.bind(s, i, c);
  }

  /** Reads the current row, selected with {@link #SELECT}. */
  static CallRecord read(ResultSet r) throws SQLException {
    String storedStatus = r.getString("status");
    CallStatus status = CallStatus.fromWire(storedStatus)
        .orElseThrow(() -> new SQLException("unknown call status in the store: " + storedStatus));
    CallMedia media = null;
    if (r.getObject("packets_in") != null) {
      media = new CallMedia(
          r.getLong("packets_in"), r.getLong("packets_out"), r.getLong("bytes_in"), r.getLong("bytes_out"),
          r.getLong("packets_lost"), r.getLong("packets_late"), r.getLong("packets_duplicate"),
          r.getLong("packets_invalid"), r.getDouble("jitter_ms"), r.getDouble("max_jitter_ms"),
          r.getLong("dtmf_packets"));
    }
    CallRecord.Builder b = CallRecord.builder(r.getString("id"))
        .sipCallId(r.getString("sip_call_id"))
        .direction(CallDirection.fromWire(r.getString("direction")).orElse(null))
        .fromNumber(r.getString("from_number"))
        .toNumber(r.getString("to_number"))
        .agentId(r.getString("agent_id"))
        .trunkId(r.getString("trunk_id"))
        .source(r.getString("source"))
        .codec(r.getString("codec"))
        .status(status)
        .outcome(r.getString("outcome"))
        .error(r.getString("error"))
        .sipStatus(nullableInt(r, "sip_status"))
        .startedAt(Timestamps.parse(r.getString("started_at")))
        .answeredAt(Timestamps.parse(r.getString("answered_at")))
        .endedAt(Timestamps.parse(r.getString("ended_at")))
        .durationSeconds(nullableDouble(r, "duration_seconds"))
        .recording(r.getString("recording"))
        .recordingSeconds(nullableDouble(r, "recording_seconds"))
        .recordingError(r.getString("recording_error"))
        .recordingDroppedSeconds(nullableDouble(r, "recording_dropped_seconds"))
        .media(media)
        .createdAt(Timestamps.parse(r.getString("created_at")))
        .updatedAt(Timestamps.parse(r.getString("updated_at")));
    return CallPartRows.read(r, b).build();
  }

  static Integer nullableInt(ResultSet r, String column) throws SQLException {
    int value = r.getInt(column);
    return r.wasNull() ? null : value;
  }

  static Long nullableLong(ResultSet r, String column) throws SQLException {
    long value = r.getLong(column);
    return r.wasNull() ? null : value;
  }

  static Double nullableDouble(ResultSet r, String column) throws SQLException {
    double value = r.getDouble(column);
    return r.wasNull() ? null : value;
  }

  static void text(PreparedStatement s, int i, String v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.VARCHAR);
    } else {
      s.setString(i, v);
    }
  }

  static void integer(PreparedStatement s, int i, Integer v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.INTEGER);
    } else {
      s.setInt(i, v);
    }
  }

  static void bigint(PreparedStatement s, int i, Long v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, v);
    }
  }

  static void real(PreparedStatement s, int i, Double v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.DOUBLE);
    } else {
      s.setDouble(i, v);
    }
  }
}
