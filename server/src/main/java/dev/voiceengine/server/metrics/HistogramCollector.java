package dev.voiceengine.server.metrics;

import dev.voiceengine.media.metrics.LatencyHistogram;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Renders a media {@link LatencyHistogram} as a classic Prometheus histogram in seconds ({@code _bucket{le}},
 * {@code _count}, {@code _sum}) at scrape time, so the event loops keep recording into their lock-free buckets.
 */
final class HistogramCollector implements Collector {
  private final String name;
  private final String help;
  private final LatencyHistogram histogram;

  /** @param name the Prometheus name without unit suffix, e.g. {@code voice_media_send_interval_deviation} */
  HistogramCollector(String name, String help, LatencyHistogram histogram) {
    this.name = name;
    this.help = help;
    this.histogram = histogram;
  }

  @Override
  public MetricSnapshot collect() {
    LatencyHistogram.Snapshot s = histogram.snapshot();
    long[] bounds = s.boundsNanos();
    double[] upper = new double[bounds.length + 1];
    for (int i = 0; i < bounds.length; i++) {
      upper[i] = bounds[i] / 1e9;
    }
    upper[bounds.length] = Double.POSITIVE_INFINITY;
    return HistogramSnapshot.builder()
        .name(name + "_seconds")
        .help(help)
        .unit(Unit.SECONDS)
        .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
            .classicHistogramBuckets(ClassicHistogramBuckets.of(upper, s.counts()))
            .sum(s.sumNanos() / 1e9)
            .build())
        .build();
  }

  @Override
  public String getPrometheusName() {
    return name + "_seconds";
  }
}
