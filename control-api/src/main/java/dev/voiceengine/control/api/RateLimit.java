package dev.voiceengine.control.api;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How many requests one API key may make: {@code perSecond} on average with bursts of up to {@code burst}
 * ({@link TokenBucket}). A rate of 0 turns the limit off. The clock is a seam for tests.
 */
public final class RateLimit {
  /** No limit. */
  public static final RateLimit OFF = new RateLimit(0, 0, System::nanoTime);
  /** The engine's default: 50 requests a second, bursts of 100. */
  public static final RateLimit DEFAULT = new RateLimit(50, 100, System::nanoTime);

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoClock;

  private RateLimit(double perSecond, int burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** {@code perSecond} requests a second with bursts of {@code burst}; a rate of 0 is {@link #OFF}. */
  public static RateLimit of(double perSecond, int burst) {
    if (perSecond == 0) {
      return OFF;
    }
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("rate limit per second must be 0 (off) or positive, got " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException("rate limit burst must be at least 1, got " + burst);
    }
    return new RateLimit(perSecond, burst, System::nanoTime);
  }

  /** This limit measured with another nanosecond clock (tests). */
  RateLimit withClock(LongSupplier clock) {
    return new RateLimit(perSecond, burst, clock);
  }

  public boolean enabled() {
    return perSecond > 0;
  }

  public double perSecond() {
    return perSecond;
  }

  public int burst() {
    return burst;
  }

  LongSupplier nanoClock() {
    return nanoClock;
  }

  /** e.g. "50 requests per second (bursts of 100)". */
  String describe() {
    String rate = perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond)
        : String.format(Locale.ROOT, "%.3f", perSecond).replaceAll("0+$", "");
    return rate + " requests per second (bursts of " + burst + ")";
  }

  @Override
  public String toString() {
    return enabled() ? describe() : "off";
  }
}
