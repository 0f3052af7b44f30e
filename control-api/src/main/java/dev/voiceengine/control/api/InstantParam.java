package dev.voiceengine.control.api;

import dev.voiceengine.control.store.Timestamps;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses a date-range bound from a query: an ISO-8601 instant ({@code 2025-03-01T00:00:00Z}), a date-time with an
 * offset ({@code 2025-03-01T09:00:00+01:00}) or a plain date, which means the start of that UTC day for a lower bound
 * and its last millisecond for an upper bound (so {@code to=2025-03-31} includes the whole 31st).
 */
final class InstantParam {
  /** Which end of a range a bound is. */
  enum Bound { LOWER, UPPER }

  private InstantParam() {}

  static Instant parse(String field, String value, Bound bound) {
    Instant instant = parseOrNull(value, bound);
    if (instant == null) {
      throw ApiException.invalidParameter(field,
          field + " must be an ISO 8601 date-time with a zone, e.g. 2025-03-01T00:00:00Z, or a date, e.g. 2025-03-01");
    }
    if (!Timestamps.inRange(instant)) {
      throw ApiException.invalidParameter(field, field + " must be between years 0000 and 9999");
    }
    return instant;
  }

  private static Instant parseOrNull(String value, Bound bound) {
    if (value.length() > 64) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeException notInstant) {
      // try the other forms
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeException notOffsetDateTime) {
      // try a date
    }
    try {
      LocalDate date = LocalDate.parse(value);
      Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
      return bound == Bound.LOWER ? start : date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    } catch (DateTimeException notDate) {
      return null;
    }
  }
}
