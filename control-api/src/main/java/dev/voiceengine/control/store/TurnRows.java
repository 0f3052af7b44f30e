package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps {@link CallTurn} to and from rows of call_turns. A turn already stored (same call, same index) stays. */
final class TurnRows {
  private static final String COLUMNS = "call_id, idx, role, text, start_ms, end_ms, interrupted, endpoint_ms,"
      + " stt_final_ms, llm_first_token_ms, tts_first_audio_ms, voice_to_voice_ms, intended_text";
  private static final String INSERT = "INSERT INTO call_turns (" + COLUMNS + ")"
      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id, idx) DO NOTHING";
  private static final String SELECT = "SELECT " + COLUMNS + " FROM call_turns";

  private TurnRows() {}

  /** Stores the turn unless the call already has one with its index; whether it was stored. */
  static boolean insert(Connection connection, String callId, CallTurn turn) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(INSERT)) {
      TurnLatencies l = turn.latencies();
      s.setString(1, callId);
      s.setInt(2, turn.index());
      CallRows.text(s, 3, turn.role() == null ? null : turn.role().wire());
      s.setString(4, turn.text() == null ? "" : turn.text());
      s.setLong(5, turn.startMs());
      s.setLong(6, turn.endMs());
      s.setInt(7, turn.interrupted() ? 1 : 0);
      CallRows.bigint(s, 8, l == null ? null : l.endpointMs());
      CallRows.bigint(s, 9, l == null ? null : l.sttFinalMs());
      CallRows.bigint(s, 10, l == null ? null : l.llmFirstTokenMs());
      CallRows.bigint(s, 11, l == null ? null : l.ttsFirstAudioMs());
      CallRows.bigint(s, 12, l == null ? null : l.voiceToVoiceMs());
      CallRows.text(s, 13, turn.intendedText());
      return s.executeUpdate() > 0;
    }
  }

  /** The call's turns by index. */
  static List<CallTurn> of(Connection connection, String callId) throws SQLException {
    return of(connection, List.of(callId)).getOrDefault(callId, List.of());
  }

  /** The turns of these calls by index, per call id; a call without turns has no entry. */
  static Map<String, List<CallTurn>> of(Connection connection, Collection<String> callIds) throws SQLException {
    Map<String, List<CallTurn>> turns = new LinkedHashMap<>();
    if (callIds.isEmpty()) {
      return turns;
    }
    String marks = String.join(", ", callIds.stream().map(id -> "?").toList());
    String sql = SELECT + " WHERE call_id IN (" + marks + ") ORDER BY call_id, idx";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      int i = 1;
      for (String id : callIds) {
        s.setString(i++, id);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          turns.computeIfAbsent(r.getString("call_id"), id -> new ArrayList<>()).add(read(r));
        }
      }
    }
    return turns;
  }

  private static CallTurn read(ResultSet r) throws SQLException {
    TurnLatencies latencies = new TurnLatencies(CallRows.nullableLong(r, "endpoint_ms"),
        CallRows.nullableLong(r, "stt_final_ms"), CallRows.nullableLong(r, "llm_first_token_ms"),
        CallRows.nullableLong(r, "tts_first_audio_ms"), CallRows.nullableLong(r, "voice_to_voice_ms"));
    boolean none = latencies.equals(new TurnLatencies(null, null, null, null, null));
    return new CallTurn(r.getInt("idx"), TurnRole.fromWire(r.getString("role")).orElse(null), r.getString("text"),
        r.getLong("start_ms"), r.getLong("end_ms"), r.getInt("interrupted") != 0, none ? null : latencies,
        r.getString("intended_text"));
  }
}
