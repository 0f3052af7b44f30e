package dev.voiceengine.control.store;

import java.util.Optional;

/** Who placed the call: the carrier's side (inbound) or this engine (outbound). */
public enum CallDirection {
  INBOUND("inbound"),
  OUTBOUND("outbound");

  private final String wire;

  CallDirection(String wire) {
    this.wire = wire;
  }

  /** The value stored and shown in the API. */
  public String wire() {
    return wire;
  }

  /** The direction with this stored/API value, if any (exact, case-sensitive match). */
  public static Optional<CallDirection> fromWire(String value) {
    for (CallDirection direction : values()) {
      if (direction.wire.equals(value)) {
        return Optional.of(direction);
      }
    }
    return Optional.empty();
  }
}
