package dev.voiceengine.server.wiring;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A trunk's outbound limits: calls at once and new calls per second (a sliding one-second window). Thread-safe; times
 * are the caller's monotonic nanoseconds, so tests need no clock.
 */
final class TrunkLimiter {
  private static final long SECOND = 1_000_000_000L;

  private final int maxConcurrent;
  private final int perSecond;
  private final ArrayDeque<Long> starts = new ArrayDeque<>();
  private int active;

  TrunkLimiter(int maxConcurrent, int perSecond) {
    this.maxConcurrent = maxConcurrent;
    this.perSecond = perSecond;
  }

  /** Takes a slot at {@code nowNanos}, or says how long to wait (null when taken). */
  synchronized Refusal acquire(long nowNanos) {
    if (active >= maxConcurrent) {
      return new Refusal(Duration.ofSeconds(1), "trunk at its " + maxConcurrent + " concurrent calls");
    }
    while (!starts.isEmpty() && nowNanos - starts.peekFirst() >= SECOND) {
      starts.pollFirst();
    }
    if (starts.size() >= perSecond) {
      long waitNanos = SECOND - (nowNanos - starts.peekFirst());
      return new Refusal(Duration.ofMillis(Math.max(1, (waitNanos + 999_999) / 1_000_000)),
          "trunk at its " + perSecond + " calls per second");
    }
    starts.addLast(nowNanos);
    active++;
    return null;
  }

  /** A call that took a slot is over. */
  synchronized void release() {
    if (active > 0) {
      active--;
    }
  }

  synchronized int active() {
    return active;
  }

  /** Why not now, and when to try again. */
  record Refusal(Duration retryAfter, String reason) {}
}
