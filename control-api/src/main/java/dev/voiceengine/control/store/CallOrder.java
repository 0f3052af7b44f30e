package dev.voiceengine.control.store;

/**
 * The orders a call list can take. Each sorts by one key and then by id, so the order is total and a page can
 * continue after the last call of the previous one (keyset pagination). Keys that may be unset (a call that has not
 * ended, one never answered) sort as the empty text or -1, the same on SQLite and PostgreSQL (which disagree on
 * where NULLs go); V8 indexes exactly these expressions.
 */
public enum CallOrder {
  STARTED_AT("started_at", "started_at"),
  ENDED_AT("ended_at", "COALESCE(ended_at, '')"),
  CREATED_AT("created_at", "created_at"),
  DURATION("duration", "COALESCE(duration_seconds, -1)");

  private final String wire;
  private final String expression;

  CallOrder(String wire, String expression) {
    this.wire = wire;
    this.expression = expression;
  }

  /** The name used in the API's {@code order_by}. */
  public String wire() {
    return wire;
  }

  /** The SQL expression sorted on. */
  String expression() {
    return expression;
  }

  /** The sort key of a call in this order: text for the times, a number for the duration. */
  public Object keyOf(CallRecord call) {
    return switch (this) {
      case STARTED_AT -> Timestamps.format(call.startedAt());
      case ENDED_AT -> call.endedAt() == null ? "" : Timestamps.format(call.endedAt());
      case CREATED_AT -> Timestamps.format(call.createdAt());
      case DURATION -> call.durationSeconds() == null ? -1.0 : call.durationSeconds();
    };
  }

  /** Whether a key (from a client's cursor) has the type this order sorts on. */
  public boolean accepts(Object key) {
    return this == DURATION ? key instanceof Double : key instanceof String;
  }
}
