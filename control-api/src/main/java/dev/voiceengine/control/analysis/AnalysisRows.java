package dev.voiceengine.control.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.Timestamps;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The analysis columns of the calls table (V6): writes one call's result, and finds the ended calls not analysed
 * yet. A result is written only over a record without one ({@code analyzed_at IS NULL}), so a call scheduled twice
 * (at its end and by the start-up scan) is stored, and announced, once.
 *
 * <p>Stored shapes: tags as {@code ",a,b,"} (one tag is found with {@code LIKE '%,tag,%'}); {@code analysis_json}
 * is the custom fields' object, plus {@code "model_error"} when the configured model failed and the heuristic's
 * result was stored instead.
 */
final class AnalysisRows {
  /** Key of analysis_json that says why the model's answer was not used. */
  static final String MODEL_ERROR = "model_error";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String UPDATE = "UPDATE calls SET summary = ?, sentiment = ?, tags = ?, call_success = ?,"
      + " ended_reason = ?, analysis_json = ?, analysis_method = ?, analyzed_at = ?, updated_at = ?"
      + " WHERE id = ? AND analyzed_at IS NULL";
  private static final String UNANALYZED = "SELECT id FROM calls WHERE analyzed_at IS NULL AND status IN (?, ?)"
      + " AND ended_at IS NOT NULL AND id > ? ORDER BY id LIMIT ?";

  private AnalysisRows() {}

  /** Stores the result; false when the call is unknown or was analysed already (nothing written). */
  static boolean write(Connection connection, String callId, CallAnalysisResult result, Instant at)
      throws SQLException {
    String now = Timestamps.format(Timestamps.clamp(at));
    try (PreparedStatement s = connection.prepareStatement(UPDATE)) {
      s.setString(1, result.summary());
      s.setString(2, result.sentiment());
      s.setString(3, result.tags().isEmpty() ? null : "," + String.join(",", result.tags()) + ",");
      s.setInt(4, result.callSuccess() ? 1 : 0);
      s.setString(5, result.endedReason());
      String json = json(result);
      if (json == null) {
        s.setNull(6, Types.VARCHAR);
      } else {
        s.setString(6, json);
      }
      s.setString(7, result.method());
      s.setString(8, now);
      s.setString(9, now);
      s.setString(10, callId);
      return s.executeUpdate() == 1;
    }
  }

  /** The custom fields (and the model's failure) as a JSON object; null when there is neither. */
  static String json(CallAnalysisResult result) {
    if (result.fields().isEmpty() && result.modelError() == null) {
      return null;
    }
    Map<String, Object> object = new LinkedHashMap<>(result.fields());
    if (result.modelError() != null) {
      object.put(MODEL_ERROR, result.modelError());
    }
    try {
      return JSON.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("analysis fields are plain values", e);
    }
  }

  /** Up to {@code limit} ended calls without analysis whose id sorts after {@code afterId} (use "" to begin). */
  static List<String> unanalyzed(Database database, String afterId, int limit) throws SQLException {
    return database.read(connection -> {
      try (PreparedStatement s = connection.prepareStatement(UNANALYZED)) {
        s.setString(1, CallStatus.COMPLETED.wire());
        s.setString(2, CallStatus.FAILED.wire());
        s.setString(3, afterId);
        s.setInt(4, limit);
        List<String> ids = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            ids.add(r.getString(1));
          }
        }
        return ids;
      }
    });
  }
}
