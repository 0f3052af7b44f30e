package dev.voiceengine.media.jitter;

/**
 * Interarrival jitter as RFC 3550 §6.4.1 defines it and Appendix A.8 computes it: the mean deviation of the
 * difference in packet spacing at the receiver compared to the sender, smoothed with gain 1/16.
 */
final class InterarrivalJitter {
  private final int clockRate;
  private final double unitsPerNano;
  private boolean hasTransit;
  private long baseNanos;
  private double lastTransit;
  private double jitter;
  private double maxJitter;

  InterarrivalJitter(int clockRate) {
    this.clockRate = clockRate;
    this.unitsPerNano = clockRate / 1e9;
  }

  /** One packet: its arrival time (monotonic nanoseconds) and its (unwrapped) RTP timestamp. */
  void update(long arrivalNanos, long timestamp) {
    if (!hasTransit) {
      baseNanos = arrivalNanos;
    }
    double arrival = (arrivalNanos - baseNanos) * unitsPerNano;
    double transit = arrival - timestamp;
    if (hasTransit) {
      double d = Math.abs(transit - lastTransit);
      jitter += (d - jitter) / 16.0;
      if (jitter > maxJitter) {
        maxJitter = jitter;
      }
    }
    lastTransit = transit;
    hasTransit = true;
  }

  /** The timestamps start over (new stream or re-anchored): the next packet has no predecessor to compare with. */
  void restart() {
    hasTransit = false;
  }

  double jitterMillis() {
    return jitter * 1000.0 / clockRate;
  }

  double maxJitterMillis() {
    return maxJitter * 1000.0 / clockRate;
  }
}
