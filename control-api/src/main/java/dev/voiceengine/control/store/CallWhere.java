package dev.voiceengine.control.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a {@link CallFilter}: its WHERE clause (with or without the keyset position) and ORDER BY, and the
 * parameters in order. Every value is bound, never spliced; the column names come from this class only.
 */
record CallWhere(String criteria, List<Object> criteriaParams, String page, List<Object> pageParams) {

  static CallWhere of(CallFilter f) {
    List<String> clauses = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    equal(clauses, params, "org_id", f.orgId());
    equal(clauses, params, "agent_id", f.agentId());
    equal(clauses, params, "direction", f.direction() == null ? null : f.direction().wire());
    equal(clauses, params, "status", f.status() == null ? null : f.status().wire());
    equal(clauses, params, "outcome", f.outcome());
    equal(clauses, params, "sentiment", f.sentiment());
    equal(clauses, params, "campaign_id", f.campaignId());
    equal(clauses, params, "batch_id", f.batchId());
    equal(clauses, params, "contact_id", f.contactId());
    if (f.wentToVoicemail() != null) {
      // Stored as 0 or 1, NULL when detection did not run: "not voicemail" includes the calls never checked.
      clauses.add(f.wentToVoicemail()
          ? "went_to_voicemail = 1" : "(went_to_voicemail IS NULL OR went_to_voicemail = 0)");
    }
    if (f.phoneNumber() != null) {
      clauses.add("(from_number = ? OR to_number = ?)");
      params.add(f.phoneNumber());
      params.add(f.phoneNumber());
    }
    if (f.search() != null) {
      String like = "%" + escapeLike(f.search()) + "%";
      clauses.add("(from_number LIKE ? ESCAPE '\\' OR to_number LIKE ? ESCAPE '\\')");
      params.add(like);
      params.add(like);
    }
    if (!f.tags().isEmpty()) {
      List<String> any = new ArrayList<>();
      for (String tag : f.tags()) {
        any.add("tags LIKE ? ESCAPE '\\'");
        params.add("%," + escapeLike(tag) + ",%");
      }
      clauses.add("(" + String.join(" OR ", any) + ")");
    }
    range(clauses, params, "started_at", f.startedFrom(), f.startedTo());
    range(clauses, params, "created_at", f.createdFrom(), f.createdTo());
    String criteria = clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);

    String key = f.orderBy().expression();
    String direction = f.ascending() ? "ASC" : "DESC";
    List<Object> pageParams = new ArrayList<>();
    String page = criteria;
    if (f.after() != null) {
      // Row values compare lexicographically on both engines: (key, id) after the position in the list's order.
      String after = "(" + key + ", id) " + (f.ascending() ? ">" : "<") + " (?, ?)";
      page = criteria.isEmpty() ? " WHERE " + after : criteria + " AND " + after;
      pageParams.add(f.after().key());
      pageParams.add(f.after().id());
    }
    page += " ORDER BY " + key + " " + direction + ", id " + direction;
    return new CallWhere(criteria, List.copyOf(params), page, List.copyOf(pageParams));
  }

  /** Binds the criteria's parameters from {@code first}; the index after the last. */
  int bindCriteria(PreparedStatement statement, int first) throws SQLException {
    return bind(statement, first, criteriaParams);
  }

  /** Binds the criteria's and the position's parameters from {@code first}; the index after the last. */
  int bindPage(PreparedStatement statement, int first) throws SQLException {
    return bind(statement, bind(statement, first, criteriaParams), pageParams);
  }

  private static int bind(PreparedStatement statement, int first, List<Object> params) throws SQLException {
    int i = first;
    for (Object param : params) {
      if (param instanceof Double d) {
        statement.setDouble(i++, d);
      } else {
        statement.setString(i++, (String) param);
      }
    }
    return i;
  }

  private static void equal(List<String> clauses, List<Object> params, String column, String value) {
    if (value != null) {
      clauses.add(column + " = ?");
      params.add(value);
    }
  }

  private static void range(List<String> clauses, List<Object> params, String column, Instant from, Instant to) {
    if (from != null) {
      clauses.add(column + " >= ?");
      params.add(Timestamps.format(Timestamps.clamp(ceilToMillis(from))));
    }
    if (to != null) {
      clauses.add(column + " <= ?");
      params.add(Timestamps.format(Timestamps.clamp(to)));
    }
  }

  /** Stored times have millisecond precision: a lower bound inside a millisecond starts at the next one. */
  private static Instant ceilToMillis(Instant instant) {
    Instant floor = instant.truncatedTo(ChronoUnit.MILLIS);
    return floor.equals(instant) ? floor : floor.plusMillis(1);
  }

  /** LIKE's wildcards and the escape character itself, taken literally. */
  static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
