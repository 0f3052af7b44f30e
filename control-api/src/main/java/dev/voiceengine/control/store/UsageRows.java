package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps {@link CallUsage} to and from rows of call_provider_usage, one row per capability used. First write stays. */
final class UsageRows {
  private static final String INSERT = "INSERT INTO call_provider_usage (call_id, capability, provider, model,"
      + " audio_seconds, input_tokens, output_tokens, characters, requests) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (call_id, capability) DO NOTHING";
  private static final String SELECT = "SELECT capability, provider, model, audio_seconds, input_tokens,"
      + " output_tokens, characters, requests FROM call_provider_usage WHERE call_id = ?";

  private UsageRows() {}

  /** Stores what the call used of each capability it has no usage stored for yet. */
  static void insert(Connection connection, String callId, CallUsage usage) throws SQLException {
    insert(connection, callId, CallUsage.STT, usage.stt());
    insert(connection, callId, CallUsage.LLM, usage.llm());
    insert(connection, callId, CallUsage.TTS, usage.tts());
  }

  private static void insert(Connection connection, String callId, String capability, UsedProvider used)
      throws SQLException {
    if (used == null) {
      return;
    }
    try (PreparedStatement s = connection.prepareStatement(INSERT)) {
      s.setString(1, callId);
      s.setString(2, capability);
      CallRows.text(s, 3, used.provider());
      CallRows.text(s, 4, used.model());
      s.setDouble(5, used.audioSeconds());
      s.setLong(6, used.inputTokens());
      s.setLong(7, used.outputTokens());
      s.setLong(8, used.characters());
      s.setLong(9, used.requests());
      s.executeUpdate();
    }
  }

  /** What the call used, or null when nothing is stored. */
  static CallUsage of(Connection connection, String callId) throws SQLException {
    UsedProvider stt = null;
    UsedProvider llm = null;
    UsedProvider tts = null;
    try (PreparedStatement s = connection.prepareStatement(SELECT)) {
      s.setString(1, callId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          UsedProvider used = new UsedProvider(r.getString("provider"), r.getString("model"),
              r.getDouble("audio_seconds"), r.getLong("input_tokens"), r.getLong("output_tokens"),
              r.getLong("characters"), r.getLong("requests"));
          switch (r.getString("capability")) {
            case CallUsage.STT -> stt = used;
            case CallUsage.LLM -> llm = used;
            case CallUsage.TTS -> tts = used;
            default -> { }
          }
        }
      }
    }
    CallUsage usage = new CallUsage(stt, llm, tts);
    return usage.isEmpty() ? null : usage;
  }
}
