package dev.voiceengine.media.jitter;

/**
 * The playout delay a stream needs: how late its packets come, measured, with fast attack and slow decay.
 *
 * <p>Each packet's transit (arrival time minus RTP timestamp, in samples: the relative transit time of RFC 3550
 * §6.4.1) is compared with the smallest transit of the last two windows of {@value #WINDOW_MILLIS} ms of arrivals: the
 * difference is how much later than the stream's fastest packets it came. The target is the largest such lateness
 * of the last two windows plus a {@value #GUARD_MILLIS} ms guard, rounded up to whole frames, between the minimum and
 * the maximum. It rises at once, with the packet that shows the need (a late packet dropped is a gap heard); it falls
 * at most one frame per window, once the lateness that raised it has left both windows, so one quiet moment in a
 * jittery path does not bring the delay down. Until a first window has passed nothing is known and the target is the
 * maximum; after it, the target is what that window measured.
 *
 * <p>Windows run on arrival times, so the outcome depends on the packets alone, never on a clock. With minimum equal
 * to maximum the target never moves (a fixed delay). Not thread-safe; part of one {@link JitterBuffer}.
 */
final class PlayoutDelay {
  /** Arrival time over which the fastest transit and the largest lateness are kept. */
  static final int WINDOW_MILLIS = 2000;
  /** Margin over the measured lateness: scheduling noise between arrival and playout. */
  static final int GUARD_MILLIS = 5;

  private final int clockRate;
  private final int frame;
  private final int min;
  private final int max;
  private final long windowNanos;
  private final int guard;

  private int target;
  private boolean measured;
  private boolean started;
  private long baseNanos;
  private long windowStartNanos;
  private long currentMinTransit = Long.MAX_VALUE;
  private long previousMinTransit = Long.MAX_VALUE;
  private long currentPeak;
  private long previousPeak;

  /**
   * @param clockRate    RTP clock rate
   * @param frameSamples the playout frame: the target moves in steps of it
   * @param minSamples   the lowest target
   * @param maxSamples   the highest target, and the one before anything is measured
   */
  PlayoutDelay(int clockRate, int frameSamples, int minSamples, int maxSamples) {
    if (frameSamples <= 0 || minSamples < 0 || maxSamples < minSamples) {
      throw new IllegalArgumentException(
          "need 0 <= min <= max and a frame, got min=" + minSamples + " max=" + maxSamples + " frame=" + frameSamples);
    }
    this.clockRate = clockRate;
    this.frame = frameSamples;
    this.min = minSamples;
    this.max = maxSamples;
    this.windowNanos = WINDOW_MILLIS * 1_000_000L;
    this.guard = clockRate * GUARD_MILLIS / 1000;
    this.target = maxSamples;
  }

  /** Whether the target can move at all. */
  boolean adaptive() {
    return min < max;
  }

  /** The playout delay to aim at, in samples. */
  int target() {
    return target;
  }

  double targetMillis() {
    return target * 1000.0 / clockRate;
  }

  /** One audio packet: its arrival time (monotonic nanoseconds) and its unwrapped RTP timestamp. */
  void arrived(long arrivalNanos, long timestamp) {
    if (!started) {
      started = true;
      baseNanos = arrivalNanos;
      windowStartNanos = arrivalNanos;
    } else if (arrivalNanos - windowStartNanos >= windowNanos) {
      nextWindow();
      windowStartNanos = arrivalNanos;
    }
    long transit = (arrivalNanos - baseNanos) * clockRate / 1_000_000_000L - timestamp;
    currentMinTransit = Math.min(currentMinTransit, transit);
    long lateness = transit - Math.min(currentMinTransit, previousMinTransit);
    currentPeak = Math.max(currentPeak, lateness);
    int needed = needed(Math.max(currentPeak, previousPeak));
    if (needed > target) {
      target = needed; // fast attack
    }
  }

  /** A new timeline (new SSRC, timestamp jump): transits are not comparable across it; the path's lateness is. */
  void restart() {
    currentMinTransit = Long.MAX_VALUE;
    previousMinTransit = Long.MAX_VALUE;
  }

  private void nextWindow() {
    previousMinTransit = currentMinTransit;
    previousPeak = currentPeak;
    currentMinTransit = Long.MAX_VALUE;
    currentPeak = 0;
    int needed = needed(previousPeak);
    if (!measured) {
      measured = true;
      target = needed;
    } else if (needed < target) {
      target = Math.max(needed, Math.max(min, target - frame)); // slow decay: a frame per window
    }
  }

  /** The delay that covers {@code lateness}: plus the guard, in whole frames, within [min, max]. */
  private int needed(long lateness) {
    long frames = (Math.max(0, lateness) + guard + frame - 1) / frame;
    return (int) Math.max(min, Math.min(max, frames * frame));
  }
}
