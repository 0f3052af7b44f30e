package dev.voiceengine.control.api;

import dev.voiceengine.control.auth.CallerOrg;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.server.HttpService;
import dev.voiceengine.control.store.DailyUsage;
import dev.voiceengine.control.store.UsageQueries;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/usage?from=YYYY-MM-DD&to=YYYY-MM-DD}: per UTC day and direction, the calls that started that day,
 * how many were answered and their connected minutes (answered to ended, summed, then divided by 60 and rounded to
 * two decimals). Both days are inclusive; by default the last 30 days up to today; at most {@value #MAX_DAYS} days.
 */
final class UsageService {
  /** The longest range one request may ask for: a leap year. */
  static final int MAX_DAYS = 366;
  /** The default range: today and the 29 days before it. */
  static final int DEFAULT_DAYS = 30;
  private static final Set<String> PARAMETERS = Set.of("from", "to");
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  private final UsageQueries usage;
  private final Clock clock;

  UsageService(UsageQueries usage) {
    this(usage, Clock.systemUTC());
  }

  UsageService(UsageQueries usage, Clock clock) {
    this.usage = usage;
    this.clock = clock;
  }

  /** The report. The query is checked on the event loop; the store is read off it. */
  HttpService daily() {
    return (ctx, req) -> {
      QueryValues query = QueryValues.of(ctx.queryParams(), PARAMETERS);
      LocalDate to = date("to", query.raw("to"));
      LocalDate from = date("from", query.raw("from"));
      if (to == null) {
        to = from == null ? LocalDate.now(clock) : from.plusDays(DEFAULT_DAYS - 1L);
      }
      if (from == null) {
        from = to.minusDays(DEFAULT_DAYS - 1L);
      }
      if (to.isBefore(from)) {
        throw ApiException.invalidParameter("to", "to must not be before from");
      }
      if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
        throw ApiException.invalidParameter("to", "the range from " + from + " to " + to + " is longer than "
            + MAX_DAYS + " days; ask in parts");
      }
      LocalDate first = from;
      LocalDate last = to;
      return Blocking.respond(ctx, () -> Json.ok(json(usage.daily(first, last, CallerOrg.of(ctx)), first, last)));
    };
  }

  /** A calendar date, YYYY-MM-DD; null when absent. */
  static LocalDate date(String field, String value) {
    if (value == null) {
      return null;
    }
    if (DATE.matcher(value).matches()) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeException e) {
        // not a real day, e.g. 2026-02-30
      }
    }
    throw ApiException.invalidParameter(field, field + " must be a date YYYY-MM-DD, e.g. 2026-12-04");
  }

  static ObjectNode json(List<DailyUsage> rows, LocalDate from, LocalDate to) {
    ObjectNode body = Json.MAPPER.createObjectNode();
    ArrayNode data = body.putArray("data");
    for (DailyUsage row : rows) {
      data.addObject()
          .put("day", row.day().toString())
          .put("direction", row.direction())
          .put("calls", row.calls())
          .put("answered", row.answered())
          .put("minutes", minutes(row.seconds()));
    }
    body.put("from", from.toString());
    body.put("to", to.toString());
    return body;
  }

  /** Seconds as minutes, two decimals, half up. */
  static BigDecimal minutes(double seconds) {
    return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
  }
}
