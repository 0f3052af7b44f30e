package dev.voiceengine.control.commands;

import java.time.Duration;

/** The engine's answer to a dial request. */
public sealed interface DialAdmission {

  /** The INVITE is on its way; the call's events follow. */
  record Accepted() implements DialAdmission {}

  /** A limit is reached (a trunk's concurrent calls or calls per second); try again after {@code retryAfter}. */
  record Deferred(Duration retryAfter, String reason) implements DialAdmission {}

  /** It cannot be placed as asked (no outbound trunk, unknown trunk, engine shutting down). */
  record Refused(String reason) implements DialAdmission {}
}
