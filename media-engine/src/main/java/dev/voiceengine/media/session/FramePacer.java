package dev.voiceengine.media.session;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Calls {@link Frames#onFrame()} once per frame period on the call's event loop, on a fixed timeline: tick
 * {@code n} is due at {@code start + n × period} of the monotonic clock, so scheduling delays never accumulate into
 * drift. When the loop was late, the missed ticks run back to back; after a stall longer than {@code maxCatchUp}
 * ticks, the missed ones are reported through {@link Frames#onSkipped(int)} instead and the pacer resumes at the
 * current tick (a burst of stale packets helps nobody).
 *
 * <p>Only used on its event loop.
 */
public final class FramePacer {
  /** What runs on the beat. */
  public interface Frames {
    void onFrame();

    /** {@code frames} ticks were skipped after a stall. */
    void onSkipped(int frames);
  }

  public static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  public static final int DEFAULT_MAX_CATCH_UP = 5;

  private final EventExecutor loop;
  private final Frames frames;
  private final long periodNanos;
  private final int maxCatchUp;
  private final LongSupplier clock;
  private final Runnable run = this::run;

  private boolean running;
  private long startNanos;
  private long ticks;
  private long caughtUp;
  private long skipped;
  private ScheduledFuture<?> next;

  public FramePacer(EventExecutor loop, Frames frames) {
    this(loop, frames, FRAME_NANOS, DEFAULT_MAX_CATCH_UP, System::nanoTime);
  }

  public FramePacer(EventExecutor loop, Frames frames, long periodNanos, int maxCatchUp, LongSupplier clock) {
    this.loop = loop;
    this.frames = frames;
    this.periodNanos = periodNanos;
    this.maxCatchUp = Math.max(1, maxCatchUp);
    this.clock = clock;
  }

  /** Runs the first tick now and schedules the rest. */
  public void start() {
    if (running) {
      return;
    }
    running = true;
    startNanos = clock.getAsLong();
    ticks = 0;
    run();
  }

  /** Stops ticking; no tick runs after this returns (on the loop). */
  public void stop() {
    running = false;
    if (next != null) {
      next.cancel(false);
      next = null;
    }
  }

  public boolean running() {
    return running;
  }

  /** Ticks run so far. */
  public long ticks() {
    return ticks;
  }

  /** Ticks that ran late, back to back, to catch up. */
  public long caughtUp() {
    return caughtUp;
  }

  /** Ticks skipped after stalls. */
  public long skipped() {
    return skipped;
  }

  private void run() {
    if (!running) {
      return;
    }
    long due = (clock.getAsLong() - startNanos) / periodNanos + 1;
    long behind = due - ticks;
    if (behind > maxCatchUp) {
      int skip = (int) Math.min(Integer.MAX_VALUE, behind - 1);
      ticks += skip;
      skipped += skip;
      frames.onSkipped(skip);
    } else if (behind > 1) {
      caughtUp += behind - 1;
    }
    while (running && ticks < due) {
      ticks++;
      frames.onFrame();
    }
    if (running) {
      long delay = startNanos + ticks * periodNanos - clock.getAsLong();
      next = loop.schedule(run, Math.max(0, delay), TimeUnit.NANOSECONDS);
    }
  }
}
