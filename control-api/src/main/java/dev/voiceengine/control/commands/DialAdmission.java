package dev.voiceengine.control.commands;

import java.time.Duration;

/** The engine's answer to a dial request. */
public sealed interface DialAdmission {

  /** The INVITE is on its way; the call's events follow. */
  record Accepted() implements DialAdmission {}

  /**
   * Not now (a trunk's concurrent calls or calls per second are used up, or no engine is there to place it); the call
   * stays queued: try again after {@code retryAfter}.
   */
  record Deferred(Duration retryAfter, String reason) implements DialAdmission {}

  /** It cannot be placed as asked (no outbound trunk, unknown trunk, bad number). */
  record Refused(String reason) implements DialAdmission {}
}
