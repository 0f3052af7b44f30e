package dev.voiceengine.control.outbound;

import java.time.Instant;

/**
 * When a paced batch may dial next. Counted from when the dial just made was due, not from when it was made: a late
 * pass (a slow store, a busy host) then costs that one dial, not the batch's rate. After a stall longer than a gap
 * the pace starts again from now, so a stalled batch never bursts to catch up.
 */
final class BatchPace {
  private BatchPace() {}

  /**
   * @param due  when the dial just made was due (null for a batch's first dial)
   * @param now  when it was made
   * @param callsPerSecond the batch's pace (> 0)
   */
  static Instant next(Instant due, Instant now, double callsPerSecond) {
    long gapNanos = (long) (1_000_000_000L / callsPerSecond);
    Instant base = due == null || due.isBefore(now.minusNanos(gapNanos)) ? now : due;
    return base.plusNanos(gapNanos);
  }
}
