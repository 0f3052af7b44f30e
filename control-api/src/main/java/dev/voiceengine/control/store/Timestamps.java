package dev.voiceengine.control.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The one text form of instants in the store and the API: ISO-8601 UTC with exactly three fraction digits
 * ({@code 2025-03-20T09:15:00.000Z}). A fixed width makes text order equal time order, so range filters and sorting
 * are plain string comparisons on SQLite and PostgreSQL alike.
 */
public final class Timestamps {
  /** The earliest instant the fixed-width form can hold. */
  public static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");
  /** The latest instant the fixed-width form can hold. */
  public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Formats an instant, truncated to milliseconds; null stays null. Instants outside [MIN, MAX] are refused. */
  public static String format(Instant instant) {
    if (instant == null) {
      return null;
    }
    if (!inRange(instant)) {
      throw new IllegalArgumentException("instant out of range: " + instant);
    }
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /** Parses the stored form (any ISO-8601 instant is accepted); null stays null. */
  public static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }

  /** Whether the fixed-width form can hold this instant. */
  public static boolean inRange(Instant instant) {
    return !instant.isBefore(MIN) && !instant.isAfter(MAX);
  }

  /** The instant moved into [MIN, MAX] and truncated to milliseconds. */
  public static Instant clamp(Instant instant) {
    Instant clamped = instant.isBefore(MIN) ? MIN : instant.isAfter(MAX) ? MAX : instant;
    return clamped.truncatedTo(ChronoUnit.MILLIS);
  }
}
