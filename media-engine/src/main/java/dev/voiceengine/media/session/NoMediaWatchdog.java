package dev.voiceengine.media.session;

/**
 * Notices that the remote stopped sending RTP: true, once, when nothing arrived for {@code timeout} since the
 * watchdog was armed, since the remote resumed sending, or since the last packet. A call whose caller vanished
 * without a BYE must not stay open; a call the remote holds (it said it would not send: a=recvonly or a=inactive,
 * RFC 3264 §8.4) must not be hung up for its silence, so the watchdog is paused while the remote does not send.
 */
public final class NoMediaWatchdog {
  private final long timeoutNanos;
  private boolean armed;
  private boolean paused;
  private boolean fired;
  private long since;

  /** {@code timeoutNanos} of 0 or less disables the watchdog. */
  public NoMediaWatchdog(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  /** Starts watching (the call was answered); a pause from before still applies. */
  public void arm(long nowNanos) {
    armed = timeoutNanos > 0;
    since = nowNanos;
  }

  /** The remote stopped sending on purpose (hold): silence does not count until {@link #resume}. */
  public void pause() {
    paused = true;
  }

  /** The remote sends again: the wait restarts at {@code nowNanos}. Does nothing when not paused. */
  public void resume(long nowNanos) {
    if (paused) {
      paused = false;
      since = nowNanos;
    }
  }

  /** Checks at {@code nowNanos}, given when the last packet arrived (any value before arming if none). */
  public boolean expired(long nowNanos, long lastPacketNanos, boolean anyPacket) {
    if (!armed || paused || fired) {
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
