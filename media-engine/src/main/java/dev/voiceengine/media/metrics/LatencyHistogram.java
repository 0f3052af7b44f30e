package dev.voiceengine.media.metrics;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-bucket histogram of durations that any event loop may record into without locks (one {@link LongAdder} per
 * bucket, so loops on different cores do not contend), cheap enough to take one sample per RTP packet. Buckets are
 * cumulative upper bounds in nanoseconds, as Prometheus histograms expect; the largest value ever seen is kept too.
 */
public final class LatencyHistogram {
  private final long[] bounds;
  private final LongAdder[] counts;
  private final LongAdder sum = new LongAdder();
  private final LongAccumulator max = new LongAccumulator(Math::max, 0);

  /** @param boundsNanos ascending upper bounds; values above the last fall in an overflow bucket */
  public LatencyHistogram(long... boundsNanos) {
    if (boundsNanos.length == 0) {
      throw new IllegalArgumentException("at least one bucket bound");
    }
    for (int i = 1; i < boundsNanos.length; i++) {
      if (boundsNanos[i] <= boundsNanos[i - 1]) {
        throw new IllegalArgumentException("bucket bounds must ascend: " + Arrays.toString(boundsNanos));
      }
    }
    this.bounds = boundsNanos.clone();
    this.counts = new LongAdder[bounds.length + 1];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  /** Bounds in milliseconds, for readability where the histogram is declared. */
  public static LatencyHistogram ofMillis(double... boundsMillis) {
    long[] nanos = new long[boundsMillis.length];
    for (int i = 0; i < nanos.length; i++) {
      nanos[i] = Math.round(boundsMillis[i] * 1_000_000);
    }
    return new LatencyHistogram(nanos);
  }

  /** One sample; negative values count as zero. Any thread. */
  public void record(long nanos) {
    long v = Math.max(0, nanos);
    int i = Arrays.binarySearch(bounds, v);
    counts[i >= 0 ? i : -i - 1].increment();
    sum.add(v);
    max.accumulate(v);
  }

  /** A consistent-enough copy for reporting (buckets are read one by one while others may record). */
  public Snapshot snapshot() {
    long[] c = new long[counts.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts[i].sum();
    }
    return new Snapshot(bounds.clone(), c, sum.sum(), max.get());
  }

  /**
   * @param boundsNanos upper bounds of all but the last (overflow) bucket
   * @param counts      samples per bucket (not cumulative), one more than bounds
   */
  public record Snapshot(long[] boundsNanos, long[] counts, long sumNanos, long maxNanos) {
    public long count() {
      long n = 0;
      for (long c : counts) {
        n += c;
      }
      return n;
    }

    /** Samples at or below each bound, in order (the Prometheus {@code le} series without +Inf). */
    public long[] cumulative() {
      long[] out = new long[boundsNanos.length];
      long running = 0;
      for (int i = 0; i < out.length; i++) {
        running += counts[i];
        out[i] = running;
      }
      return out;
    }

    /**
     * The {@code q} quantile (0..1), interpolated linearly inside its bucket; the overflow bucket reports the
     * maximum. 0 when empty.
     */
    public long quantileNanos(double q) {
      long total = count();
      if (total == 0) {
        return 0;
      }
      double rank = Math.max(1, Math.ceil(q * total));
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] > 0 && seen + counts[i] >= rank) {
          if (i == boundsNanos.length) {
            return maxNanos;
          }
          long lower = i == 0 ? 0 : boundsNanos[i - 1];
          long upper = Math.min(boundsNanos[i], Math.max(lower, maxNanos));
          return lower + Math.round((upper - lower) * ((rank - seen) / counts[i]));
        }
        seen += counts[i];
      }
      return maxNanos;
    }
  }
}
