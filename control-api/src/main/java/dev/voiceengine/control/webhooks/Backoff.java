package dev.voiceengine.control.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff with full jitter (a uniformly random pause between zero
 * and {@code min(cap, base * 2^(attempts - 1))}), so receivers coming back after an outage are not hit by every
 * sender at once. A delivery is given up (failed) only when an attempt fails {@code giveUpAfter} or more after the
 * event was created: every delivery is tried for at least that long.
 */
public final class Backoff {
  private final Duration base;
  private final Duration cap;
  private final Duration giveUpAfter;
  private final DoubleSupplier random;

  /** @param random values in [0, 1): the jitter (injected so tests can fix it) */
  public Backoff(Duration base, Duration cap, Duration giveUpAfter, DoubleSupplier random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + ", cap " + cap);
    }
    this.base = base;
    this.cap = cap;
    this.giveUpAfter = giveUpAfter;
    this.random = random;
  }

  /** The longest pause before the next attempt after {@code attempts} failed ones (at least 1). */
  public Duration ceiling(int attempts) {
    int doublings = Math.max(0, Math.min(attempts - 1, 40));
    long capMillis = cap.toMillis();
    long millis = base.toMillis();
    for (int i = 0; i < doublings && millis < capMillis; i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, capMillis));
  }

  /** The pause before the next attempt after {@code attempts} failed ones: uniformly random up to the ceiling. */
  public Duration delay(int attempts) {
    double r = Math.min(Math.max(random.getAsDouble(), 0.0), 1.0);
    return Duration.ofMillis((long) Math.floor(r * ceiling(attempts).toMillis()));
  }

  /** When to try again after {@code attempts} failed ones, or null when the delivery is given up. */
  public Instant next(Instant createdAt, Instant now, int attempts) {
    if (!now.isBefore(createdAt.plus(giveUpAfter))) {
      return null;
    }
    return now.plus(delay(attempts));
  }
}
