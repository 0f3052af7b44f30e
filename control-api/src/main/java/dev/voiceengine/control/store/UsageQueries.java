package dev.voiceengine.control.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Call minutes per UTC day and direction, for usage reports and billing. One GROUP BY over calls: the day is the
 * first ten characters of started_at, which the store writes as fixed-width ISO-8601 UTC text ({@link Timestamps}),
 * so {@code substr} gives the same day on SQLite and PostgreSQL and the range is a plain text comparison on the
 * started_at index. Blocking JDBC: run it off event loops.
 */
public final class UsageQueries {
  private static final String DAILY = "SELECT substr(started_at, 1, 10) AS day, direction, COUNT(*) AS calls,"
      + " COUNT(duration_seconds) AS answered, SUM(duration_seconds) AS seconds FROM calls"
      + " WHERE started_at >= ? AND started_at <= ? AND org_id = ?"
      + " GROUP BY substr(started_at, 1, 10), direction ORDER BY day, direction";

  private final Database database;

  public UsageQueries(Database database) {
    this.database = database;
  }

  /** Usage of the calls that started from the first day to the last (inclusive, UTC), by day then direction. */
  public List<DailyUsage> daily(LocalDate first, LocalDate last) throws SQLException {
    return daily(first, last, CallOrgs.DEFAULT_ORG);
  }

  /** As above, of one organization's calls. */
  public List<DailyUsage> daily(LocalDate first, LocalDate last, String orgId) throws SQLException {
    String from = Timestamps.format(first.atStartOfDay(ZoneOffset.UTC).toInstant());
    // The last millisecond of the last day: the store keeps milliseconds, so this includes the whole day.
    String until = Timestamps.format(last.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC));
    return database.read(connection -> {
      List<DailyUsage> usage = new ArrayList<>();
      try (PreparedStatement s = connection.prepareStatement(DAILY)) {
        s.setString(1, from);
        s.setString(2, until);
        s.setString(3, orgId);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            usage.add(new DailyUsage(LocalDate.parse(r.getString("day")), r.getString("direction"),
                r.getLong("calls"), r.getLong("answered"), r.getDouble("seconds")));
          }
        }
      }
      return usage;
    });
  }
}
