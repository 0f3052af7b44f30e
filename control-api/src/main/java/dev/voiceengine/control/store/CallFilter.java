package dev.voiceengine.control.store;

import java.time.Instant;

/**
 * Which calls to list and which page of them, newest first (started_at descending, id as tie-break).
 * Null criteria do not filter; {@code startedFrom} and {@code startedTo} are both inclusive.
 */
public record CallFilter(
    CallDirection direction,
    CallStatus status,
    Instant startedFrom,
    Instant startedTo,
    String agentId,
    int limit,
    long offset) {

  public CallFilter {
    if (limit < 0 || offset < 0) {
      throw new IllegalArgumentException("limit and offset must not be negative");
    }
  }

  /** Every call, first page of {@code limit}. */
  public static CallFilter all(int limit) {
    return new CallFilter(null, null, null, null, null, limit, 0);
  }
}
