package dev.voiceengine.media.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Measured capacity: says the engine is overloaded when, in each of the last two windows, more than
 * {@link #LATE_SHARE} of the calls' 20 ms frames ran a period or more late or were skipped — the event loops can no
 * longer keep every call's beat, and a new call would hurt the live ones. A window is judged only when enough frames
 * ran in it, one bad window alone (a garbage collection) is not a capacity problem, and nothing is judged in the
 * engine's first {@link #GRACE_NANOS} (the JIT compiles the media paths under the first calls, which run late for a
 * while on a small machine). The verdict is recomputed at most once per window; any thread may ask.
 */
public final class OverloadGuard {
  /** Share of late or skipped frames that marks the loops as behind. */
  public static final double LATE_SHARE = 0.15;
  /** Frames a window must hold to be judged: 10 calls' worth of one second. */
  public static final long MIN_FRAMES = 500;
  public static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
  public static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final MediaMetrics metrics;
  private final LongSupplier clock;
  private final long graceEnds;
  private long windowStart;
  private long framesAtStart;
  private long lateAtStart;
  private boolean lastWindowBehind;
  private boolean overloaded;

  public OverloadGuard(MediaMetrics metrics, LongSupplier clock) {
    this.metrics = metrics;
    this.clock = clock;
    this.windowStart = clock.getAsLong();
    this.graceEnds = windowStart + GRACE_NANOS;
  }

  /** The verdict of the last full window (false until one was judged). */
  public synchronized boolean overloaded() {
    long now = clock.getAsLong();
    if (now - windowStart >= WINDOW_NANOS) {
      long frames = metrics.frames() + metrics.framesSkipped();
      long late = metrics.framesCaughtUp() + metrics.framesSkipped();
      long ran = frames - framesAtStart;
      boolean behind = now >= graceEnds && ran >= MIN_FRAMES && (late - lateAtStart) > LATE_SHARE * ran;
      overloaded = behind && lastWindowBehind;
      lastWindowBehind = behind;
      windowStart = now;
      framesAtStart = frames;
      lateAtStart = late;
    }
    return overloaded;
  }
}
