package dev.voiceengine.bench.load;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample (milliseconds or any unit), as printed in the report. */
record Distribution(long count, double p50, double p99, double max) {
  static final Distribution EMPTY = new Distribution(0, 0, 0, 0);

  static Distribution of(Collection<Double> values) {
    if (values.isEmpty()) {
      return EMPTY;
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return new Distribution(v.length, rank(v, 0.50), rank(v, 0.99), v[v.length - 1]);
  }

  private static double rank(double[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "p50 %.1f  p99 %.1f  max %.1f  (n=%d)", p50, p99, max, count);
  }
}
