package dev.voiceengine.media.session;

/**
 * Notices that the remote stopped sending RTP: true, once, when nothing arrived for {@code timeout} since the
 * watchdog was armed or since the last packet. A call whose caller vanished without a BYE must not stay open.
 */
public final class NoMediaWatchdog {
  private final long timeoutNanos;
  private boolean armed;
  private boolean fired;
  private long since;

  /** {@code timeoutNanos} of 0 or less disables the watchdog. */
  public NoMediaWatchdog(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  public void arm(long nowNanos) {
    armed = timeoutNanos > 0;
    since = nowNanos;
  }

  /** Checks at {@code nowNanos}, given when the last packet arrived (any value before arming if none). */
  public boolean expired(long nowNanos, long lastPacketNanos, boolean anyPacket) {
    if (!armed || fired) {
      return false;
    }
    long last = anyPacket && lastPacketNanos - since > 0 ? lastPacketNanos : since;
    if (nowNanos - last >= timeoutNanos) {
      fired = true;
      return true;
    }
    return false;
  }
}
