package dev.voiceengine.control.store;

import java.util.Optional;

/** Who spoke a turn of the conversation: the agent (this engine) or the caller (the person on the line). */
public enum TurnRole {
  AGENT("agent"),
  CALLER("caller");

  private final String wire;

  TurnRole(String wire) {
    this.wire = wire;
  }

  /** The value stored and shown in the API. */
  public String wire() {
    return wire;
  }

  /** The role with this stored/API value, if any (exact, case-sensitive match). */
  public static Optional<TurnRole> fromWire(String value) {
    for (TurnRole role : values()) {
      if (role.wire.equals(value)) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
