package dev.voiceengine.media.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  private static final long MS = 1_000_000;

  @Test
  void bucketsByUpperBoundInclusive() {
    LatencyHistogram h = LatencyHistogram.ofMillis(1, 2, 5);
    h.record(MS);
    h.record(MS + 1);
    h.record(5 * MS);
    h.record(9 * MS);
    h.record(-3);
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.counts()).containsExactly(2, 1, 1, 1);
    assertThat(s.cumulative()).containsExactly(2, 3, 4);
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.maxNanos()).isEqualTo(9 * MS);
    assertThat(s.sumNanos()).isEqualTo(MS + MS + 1 + 5 * MS + 9 * MS);
  }

  @Test
  void quantilesInterpolateWithinABucketAndOverflowReportsTheMax() {
    LatencyHistogram h = LatencyHistogram.ofMillis(10, 20);
    for (int i = 0; i < 100; i++) {
      h.record(15 * MS); // all in (10, 20]
    }
    LatencyHistogram.Snapshot s = h.snapshot();
    assertThat(s.quantileNanos(0.5)).isEqualTo(12_500_000); // halfway from 10 to the largest value seen, 15
    assertThat(s.quantileNanos(0.99)).isBetween(14 * MS, 15 * MS);
    h.record(70 * MS);
    assertThat(h.snapshot().quantileNanos(1.0)).isEqualTo(70 * MS);
    assertThat(new LatencyHistogram(5).snapshot().quantileNanos(0.5)).isZero();
  }

  @Test
  void quantilesTrackASweepOfRandomSamplesWithinBucketWidth() {
    double[] bounds = new double[100];
    for (int i = 0; i < bounds.length; i++) {
      bounds[i] = (i + 1) * 0.5;
    }
    LatencyHistogram h = LatencyHistogram.ofMillis(bounds);
    Random random = new Random(7);
    long[] values = new long[10_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = (long) (random.nextDouble() * 40 * MS);
      h.record(values[i]);
    }
    java.util.Arrays.sort(values);
    for (double q : new double[] {0.5, 0.9, 0.99}) {
      long exact = values[(int) Math.ceil(q * values.length) - 1];
      assertThat(h.snapshot().quantileNanos(q)).as("q=%s", q).isCloseTo(exact,
          org.assertj.core.data.Offset.offset(MS / 2));
    }
  }

  @Test
  void refusesBoundsOutOfOrder() {
    assertThatThrownBy(() -> new LatencyHistogram(5, 5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(LatencyHistogram::new).isInstanceOf(IllegalArgumentException.class);
  }
}
