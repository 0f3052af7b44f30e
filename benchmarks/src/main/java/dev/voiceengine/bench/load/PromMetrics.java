package dev.voiceengine.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed Prometheus text exposition: each sample line as series (name with labels) → value. */
final class PromMetrics {
  private final Map<String, Double> samples;

  private PromMetrics(Map<String, Double> samples) {
    this.samples = samples;
  }

  static PromMetrics parse(String text) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      if (space > 0) {
        try {
          out.put(line.substring(0, space).trim(), Double.parseDouble(line.substring(space + 1).trim()));
        } catch (NumberFormatException e) {
          // not a sample line
        }
      }
    }
    return new PromMetrics(out);
  }

  /**
   * What happened between {@code before} and this scrape: every series minus its earlier value, except gauges of a
   * current state or a maximum (named {@code *_max}, {@code *_sessions}, {@code *_active}), which keep this value.
   */
  PromMetrics since(PromMetrics before) {
    Map<String, Double> out = new LinkedHashMap<>();
    samples.forEach((series, v) -> {
      String name = series.contains("{") ? series.substring(0, series.indexOf('{')) : series;
      boolean state = name.endsWith("_max") || name.endsWith("_sessions") || name.endsWith("_active");
      out.put(series, state ? v : v - before.samples.getOrDefault(series, 0.0));
    });
    return new PromMetrics(out);
  }

  /** The value of an exact series, or 0 when absent. */
  double value(String series) {
    return samples.getOrDefault(series, 0.0);
  }

  /** Classic histogram buckets of {@code name} ({@code name_bucket{le="…"}}), ascending: [upper bound, cumulative]. */
  List<double[]> buckets(String name) {
    List<double[]> out = new ArrayList<>();
    String prefix = name + "_bucket{le=\"";
    samples.forEach((series, v) -> {
      if (series.startsWith(prefix)) {
        String le = series.substring(prefix.length(), series.indexOf('"', prefix.length()));
        out.add(new double[] {le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le), v});
      }
    });
    out.sort((a, b) -> Double.compare(a[0], b[0]));
    return out;
  }

  /**
   * The {@code q} quantile of a histogram, interpolated inside its bucket (as Prometheus's histogram_quantile); the
   * +Inf bucket reports {@code max}.
   */
  double quantile(String name, double q, double max) {
    List<double[]> b = buckets(name);
    if (b.isEmpty() || b.get(b.size() - 1)[1] == 0) {
      return 0;
    }
    double rank = q * b.get(b.size() - 1)[1];
    double lowerBound = 0;
    double lowerCount = 0;
    for (double[] bucket : b) {
      if (bucket[1] >= rank) {
        if (Double.isInfinite(bucket[0])) {
          return max;
        }
        double upper = Math.min(bucket[0], Math.max(lowerBound, max));
        double inBucket = bucket[1] - lowerCount;
        return inBucket == 0 ? upper : lowerBound + (upper - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = bucket[0];
      lowerCount = bucket[1];
    }
    return max;
  }
}
