package dev.voiceengine.control.api;

import java.util.function.LongSupplier;

/**
 * A token bucket: holds up to {@code burst} tokens, gains {@code perSecond} tokens a second, and each request takes
 * one. Refilled lazily from a nanosecond clock when asked, so it needs no timer and never blocks: a take is a few
 * arithmetic operations under the bucket's own monitor.
 */
final class TokenBucket {
  private static final double NANOS_PER_SECOND = 1e9;

  private final double perNano;
  private final double capacity;
  private final LongSupplier nanoClock;
  private double tokens;
  private long refilledAt;

  /** A full bucket; {@code nanoClock} is {@link System#nanoTime} outside tests. */
  TokenBucket(double perSecond, int burst, LongSupplier nanoClock) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond) || burst < 1) {
      throw new IllegalArgumentException("rate must be positive and finite and burst at least 1, got "
          + perSecond + "/s burst " + burst);
    }
    this.perNano = perSecond / NANOS_PER_SECOND;
    this.capacity = burst;
    this.nanoClock = nanoClock;
    this.tokens = burst;
    this.refilledAt = nanoClock.getAsLong();
  }

  /**
   * Takes one token when there is one and returns 0; otherwise takes nothing and returns how many nanoseconds to
   * wait until a token is there (at least 1).
   */
  synchronized long tryTake() {
    long now = nanoClock.getAsLong();
    long elapsed = now - refilledAt;
    if (elapsed > 0) {
      tokens = Math.min(capacity, tokens + elapsed * perNano);
      refilledAt = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
  }

  /** Whole seconds to wait for a token, rounded up, for a {@code Retry-After} header (RFC 9110 §10.2.3). */
  static long retryAfterSeconds(long waitNanos) {
    return Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
  }
}
