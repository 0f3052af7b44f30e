package dev.voiceengine.control.store;

import java.util.Optional;

/**
 * Where a call is in its life: ringing, then in-progress once answered, then completed (answered) or failed. An
 * outbound call starts queued, is dialing once the engine took it, and may end busy, no-answer or canceled instead.
 */
public enum CallStatus {
  RINGING("ringing"),
  IN_PROGRESS("in-progress"),
  COMPLETED("completed"),
  FAILED("failed"),
  QUEUED("queued"),
  DIALING("dialing"),
  BUSY("busy"),
  NO_ANSWER("no-answer"),
  CANCELED("canceled");

  private final String wire;

  CallStatus(String wire) {
    this.wire = wire;
  }

  /** The value stored and shown in the API. */
  public String wire() {
    return wire;
  }

  /** Whether the call is over. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == BUSY || this == NO_ANSWER || this == CANCELED;
  }

  /** The status with this stored/API value, if any (exact, case-sensitive match). */
  public static Optional<CallStatus> fromWire(String value) {
    for (CallStatus status : values()) {
      if (status.wire.equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
