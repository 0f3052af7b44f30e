package dev.voiceengine.control.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The calls columns added by V6 (outbound request, far-end progress, voicemail detection, transfer, contact,
 * analysis): their names, how a record's parts bind to them and how they read back. Split from {@link CallRows} so
 * each stays readable; the two share one row.
 *
 * <p>Tags are stored with a leading and trailing comma (",billing,refund,") so one tag is found with
 * {@code LIKE '%,tag,%'} on SQLite and PostgreSQL alike; a tag therefore never holds a comma.
 */
final class CallPartRows {
  static final List<String> COLUMNS = List.of(
      "batch_id", "campaign_id", "first_message", "context_json", "metadata_json", "ringing_at", "sip_reason",
      "amd_result", "amd_decision_ms", "amd_beep_at_ms", "went_to_voicemail",
      "transfer_target", "transfer_state", "transfer_sip_status",
      "contact_id", "contact_first_name", "contact_last_name", "contact_email",
      "summary", "sentiment", "tags", "call_success", "ended_reason", "analysis_json", "analysis_method",
      "analyzed_at");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private CallPartRows() {}

  static int bind(PreparedStatement s, int first, CallRecord c) throws SQLException {
    int i = first;
    CallRequest q = c.request();
    CallRows.text(s, i++, q == null ? null : q.batchId());
    CallRows.text(s, i++, q == null ? null : q.campaignId());
    CallRows.text(s, i++, q == null ? null : q.firstMessage());
    CallRows.text(s, i++, q == null ? null : json(q.context()));
    CallRows.text(s, i++, q == null ? null : json(q.metadata()));
    CallRows.text(s, i++, Timestamps.format(c.ringingAt()));
    CallRows.text(s, i++, c.sipReason());
    CallAmd a = c.amd();
    CallRows.text(s, i++, a == null ? null : a.result());
    CallRows.bigint(s, i++, a == null ? null : a.decisionMs());
    CallRows.bigint(s, i++, a == null ? null : a.beepAtMs());
    CallRows.integer(s, i++, flag(c.wentToVoicemail()));
    CallTransfer t = c.transfer();
    CallRows.text(s, i++, t == null ? null : t.target());
    CallRows.text(s, i++, t == null ? null : t.state());
    CallRows.integer(s, i++, t == null ? null : t.sipStatus());
    CallContact p = c.contact();
    CallRows.text(s, i++, p == null ? null : p.id());
    CallRows.text(s, i++, p == null ? null : p.firstName());
    CallRows.text(s, i++, p == null ? null : p.lastName());
    CallRows.text(s, i++, p == null ? null : p.email());
    CallAnalysis n = c.analysis();
    CallRows.text(s, i++, n == null ? null : n.summary());
    CallRows.text(s, i++, n == null ? null : n.sentiment());
    CallRows.text(s, i++, n == null ? null : storedTags(n.tags()));
    CallRows.integer(s, i++, n == null ? null : flag(n.callSuccess()));
    CallRows.text(s, i++, n == null ? null : n.endedReason());
    CallRows.text(s, i++, n == null ? null : n.customJson());
    CallRows.text(s, i++, n == null ? null : n.method());
    CallRows.text(s, i++, n == null ? null : Timestamps.format(n.analyzedAt()));
    return i;
  }

  /** Fills the builder with the V6 parts of the current row; a part whose columns are all null stays null. */
  static CallRecord.Builder read(ResultSet r, CallRecord.Builder b) throws SQLException {
    String batch = r.getString("batch_id");
    String campaign = r.getString("campaign_id");
    String first = r.getString("first_message");
    String context = r.getString("context_json");
    String metadata = r.getString("metadata_json");
    if (batch != null || campaign != null || first != null || context != null || metadata != null) {
      b.request(new CallRequest(batch, campaign, first, map(context), map(metadata)));
    }
    b.ringingAt(Timestamps.parse(r.getString("ringing_at")));
    b.sipReason(r.getString("sip_reason"));
    String amd = r.getString("amd_result");
    if (amd != null) {
      b.amd(new CallAmd(amd, CallRows.nullableLong(r, "amd_decision_ms"), CallRows.nullableLong(r, "amd_beep_at_ms")));
    }
    b.wentToVoicemail(bool(CallRows.nullableInt(r, "went_to_voicemail")));
    String target = r.getString("transfer_target");
    if (target != null) {
      b.transfer(new CallTransfer(target, r.getString("transfer_state"), CallRows.nullableInt(r, "transfer_sip_status")));
    }
    String contactId = r.getString("contact_id");
    String firstName = r.getString("contact_first_name");
    String lastName = r.getString("contact_last_name");
    String email = r.getString("contact_email");
    if (contactId != null || firstName != null || lastName != null || email != null) {
      b.contact(new CallContact(contactId, firstName, lastName, email));
    }
    String method = r.getString("analysis_method");
    if (method != null) {
      b.analysis(new CallAnalysis(r.getString("summary"), r.getString("sentiment"), tags(r.getString("tags")),
          bool(CallRows.nullableInt(r, "call_success")), r.getString("ended_reason"), r.getString("analysis_json"),
          method, Timestamps.parse(r.getString("analyzed_at"))));
    }
    return b;
  }

  /** The stored form of tags: ",a,b," (null for none). */
  static String storedTags(List<String> tags) {
    if (tags == null || tags.isEmpty()) {
      return null;
    }
    for (String tag : tags) {
      if (tag.isEmpty() || tag.contains(",")) {
        throw new IllegalArgumentException("a tag must be non-empty and hold no comma: \"" + tag + "\"");
      }
    }
    return "," + String.join(",", tags) + ",";
  }

  static List<String> tags(String stored) {
    if (stored == null || stored.isEmpty()) {
      return List.of();
    }
    return Arrays.stream(stored.split(",")).filter(t -> !t.isEmpty()).toList();
  }

  private static Integer flag(Boolean value) {
    return value == null ? null : value ? 1 : 0;
  }

  private static Boolean bool(Integer value) {
    return value == null ? null : value != 0;
  }

  private static String json(Map<String, String> values) throws SQLException {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new SQLException("cannot write a call's values as JSON", e);
    }
  }

  private static Map<String, String> map(String json) throws SQLException {
    if (json == null) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new SQLException("a call's stored values are not a JSON object of strings", e);
    }
  }
}
