package dev.voiceengine.media.session;

import dev.voiceengine.media.metrics.MediaMetrics;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 20 ms beat of every call on one event loop, from one timer. A timer per call would wake the loop 50 times a
 * second per call (25 000 wake-ups a second for 500 calls); here the frame period is cut into {@code slots} phase
 * slots and each call belongs to one, so the loop wakes at most {@code slots / period} times a second and the work of
 * a beat is spread over the period instead of arriving in one burst.
 *
 * <p>Sub-tick {@code k} (slot {@code k mod slots}) is due at {@code start + k × period / slots} of the monotonic clock,
 * so scheduling delays never accumulate into drift. A call runs its first frame when it joins (a greeting starts at
 * once) and then with the slot whose next beat is nearest to one period later. When the loop was late, the missed
 * sub-ticks run back to back; after a stall longer than {@code maxCatchUp} periods, the missed frames are reported to
 * each call through {@link Frames#onSkipped(int)} instead and the beat resumes at the current period. A call that
 * throws does not stop the others.
 *
 * <p>Only used on its event loop.
 */
public final class FrameScheduler {
  private static final Logger log = LoggerFactory.getLogger(FrameScheduler.class);

  /** What runs on the beat. */
  public interface Frames {
    void onFrame();

    /** {@code frames} frames were skipped after a stall. */
    void onSkipped(int frames);
  }

  public static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
  public static final int DEFAULT_SLOTS = 10;
  public static final int DEFAULT_MAX_CATCH_UP = 5;

  private final EventExecutor loop;
  private final int slotCount;
  private final long slotNanos;
  private final long periodNanos;
  private final int maxCatchUp;
  private final LongSupplier clock;
  private final MediaMetrics metrics;
  private final List<List<Beat>> slots = new ArrayList<>();
  private final boolean[] dirty;
  private final Runnable run = this::run;

  private int members;
  /** Changes whenever the timeline restarts (a call joins an empty beat). */
  private int generation;
  private long startNanos;
  private long next;
  private ScheduledFuture<?> timer;
  private long timerIndex = -1;

  /** The engine's beat on {@code loop}, counting frames run late or skipped into {@code metrics}. */
  public FrameScheduler(EventExecutor loop, MediaMetrics metrics) {
    this(loop, FRAME_NANOS, DEFAULT_SLOTS, DEFAULT_MAX_CATCH_UP, System::nanoTime, metrics);
  }

  public FrameScheduler(EventExecutor loop, long periodNanos, int slots, int maxCatchUp, LongSupplier clock) {
    this(loop, periodNanos, slots, maxCatchUp, clock, new MediaMetrics());
  }

  public FrameScheduler(EventExecutor loop, long periodNanos, int slots, int maxCatchUp, LongSupplier clock,
      MediaMetrics metrics) {
    if (slots < 1 || periodNanos % slots != 0) {
      throw new IllegalArgumentException("the period must divide into " + slots + " slots");
    }
    this.loop = loop;
    this.slotCount = slots;
    this.periodNanos = periodNanos;
    this.slotNanos = periodNanos / slots;
    this.maxCatchUp = Math.max(1, maxCatchUp);
    this.clock = clock;
    this.metrics = metrics;
    this.dirty = new boolean[slots];
    for (int i = 0; i < slots; i++) {
      this.slots.add(new ArrayList<>());
    }
  }

  /** One call's place on the beat. */
  public final class Beat {
    private final Frames frames;
    private final int slot;
    /** The first sub-tick this beat runs on (its first frame ran at join). */
    private final long from;
    private boolean active = true;
    private long ticks;
    private long caughtUp;
    private long skipped;

    private Beat(Frames frames, long from) {
      this.frames = frames;
      this.from = from;
      this.slot = (int) (from % slotCount);
    }

    /** Leaves the beat: no frame runs after this returns. Idempotent. */
    public void stop() {
      if (active) {
        active = false;
        dirty[slot] = true;
        if (--members == 0 && timer != null) {
          timer.cancel(false);
          timer = null;
          timerIndex = -1;
        }
      }
    }

    public boolean active() {
      return active;
    }

    /** Frames run so far. */
    public long ticks() {
      return ticks;
    }

    /** Frames that ran a period or more late, back to back, to catch up. */
    public long caughtUp() {
      return caughtUp;
    }

    /** Frames skipped after stalls. */
    public long skipped() {
      return skipped;
    }

    private void frame(boolean late) {
      ticks++;
      if (late) {
        caughtUp++;
      }
      metrics.frameRun(late);
      try {
        frames.onFrame();
      } catch (RuntimeException e) {
        log.error("a call's frame failed; the beat goes on", e);
      }
    }

    private void skip(int count) {
      skipped += count;
      ticks += count;
      metrics.framesSkipped(count);
      try {
        frames.onSkipped(count);
      } catch (RuntimeException e) {
        log.error("a call's skipped frames failed; the beat goes on", e);
      }
    }
  }

  /** Calls on the beat. */
  public int members() {
    return members;
  }

  /** Runs the first frame of {@code frames} now and puts it on the beat. */
  public Beat join(Frames frames) {
    long now = clock.getAsLong();
    if (members == 0) {
      startNanos = now;
      next = 0;
      generation++;
    }
    long k = Math.max(next, Math.round((double) (now + periodNanos - startNanos) / slotNanos));
    Beat beat = new Beat(frames, k);
    slots.get(beat.slot).add(beat);
    members++;
    beat.frame(false);
    if (beat.active) {
      scheduleFrom(next);
    }
    return beat;
  }

  private void run() {
    timer = null;
    timerIndex = -1;
    int timeline = generation;
    long due = Math.floorDiv(clock.getAsLong() - startNanos, slotNanos);
    if (due - next + 1 > (long) maxCatchUp * slotCount) {
      long resume = due - slotCount + 1;
      long skipFrom = next;
      for (int s = 0; s < slotCount; s++) {
        forEach(s, beat -> {
          long count = countInSlot(Math.max(skipFrom, beat.from), resume, beat.slot);
          if (count > 0) {
            beat.skip((int) Math.min(Integer.MAX_VALUE, count));
          }
        });
      }
      next = resume;
    }
    while (next <= due && members > 0 && generation == timeline) {
      long index = next;
      boolean late = due - index >= slotCount;
      forEach((int) (index % slotCount), beat -> {
        if (index >= beat.from) {
          beat.frame(late);
        }
      });
      next++;
    }
    if (members > 0 && generation == timeline) {
      scheduleFrom(next);
    }
  }

  /** Sub-ticks of slot {@code s} in [from, to). */
  private long countInSlot(long from, long to, int s) {
    return Math.floorDiv(to - 1 - s, slotCount) - Math.floorDiv(from - 1 - s, slotCount);
  }

  private void forEach(int slot, java.util.function.Consumer<Beat> action) {
    List<Beat> list = slots.get(slot);
    if (dirty[slot]) {
      list.removeIf(b -> !b.active);
      dirty[slot] = false;
    }
    int size = list.size();
    for (int i = 0; i < size; i++) {
      Beat b = list.get(i);
      if (b.active) {
        action.accept(b);
      }
    }
  }

  /**
   * Sets the timer for the first sub-tick at or after {@code from} whose slot has calls, unless one is sooner (a
   * call that just joined may make the loop wake once for nothing, a period before its slot's first beat).
   */
  private void scheduleFrom(long from) {
    long index = from;
    for (int i = 0; i < slotCount && slots.get((int) (index % slotCount)).isEmpty(); i++) {
      index++;
    }
    if (timer != null) {
      if (timerIndex <= index) {
        return;
      }
      timer.cancel(false);
    }
    long delay = startNanos + index * slotNanos - clock.getAsLong();
    timerIndex = index;
    timer = loop.schedule(run, Math.max(0, delay), TimeUnit.NANOSECONDS);
  }
}
