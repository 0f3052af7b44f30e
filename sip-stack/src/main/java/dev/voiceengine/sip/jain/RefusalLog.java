package dev.voiceengine.sip.jain;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs requests refused for their source without letting a stranger flood the log. The first refusal of each source
 * address goes to INFO (an operator wants to see a carrier's new proxy being turned away), later ones to DEBUG; at most
 * {@value #BURST} INFO lines per {@value #WINDOW_SECONDS} s however many addresses a scan uses, the count of the
 * new sources held back meanwhile going out with the next INFO line. The last {@value #REMEMBERED} addresses are
 * remembered.
 */
final class RefusalLog {
  private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
  static final int BURST = 10;
  static final int WINDOW_SECONDS = 60;
  static final int REMEMBERED = 1024;

  private final LongSupplier nanoClock;
  private final Map<InetAddress, Boolean> seen = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<InetAddress, Boolean> eldest) {
      return size() > REMEMBERED;
    }
  };
  private long windowStart;
  private int inWindow;
  private int heldBack;

  RefusalLog() {
    this(System::nanoTime);
  }

  /** @param nanoClock a monotonic clock in nanoseconds */
  RefusalLog(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.windowStart = nanoClock.getAsLong();
  }

  /**
   * Logs one refused request.
   *
   * @param method the request's method
   * @param source where it came from, or null when the stack did not say
   * @param why    what the source is not ("a trunk's networks", "the call's peer")
   */
  void refused(String method, InetSocketAddress source, String why) {
    InetAddress address = source == null ? null : source.getAddress();
    int held = address == null ? -1 : loud(address);
    if (held >= 0) {
      LOG.info("SIP {} from {} refused with 403: not from {}{}; more from this address are logged at debug", method,
          text(source), why, held == 0 ? "" : " (" + held + " other new sources also refused, logged at debug)");
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("SIP {} from {} refused with 403: not from {}", method, text(source), why);
    }
  }

  private static String text(InetSocketAddress source) {
    return source == null ? "an unknown source" : source.getAddress().getHostAddress() + ":" + source.getPort();
  }

  /**
   * Records a refusal from {@code source}: -1 when it goes to DEBUG, else (INFO) how many new sources were held back
   * since the last INFO line.
   */
  synchronized int loud(InetAddress source) {
    long now = nanoClock.getAsLong();
    if (now - windowStart >= WINDOW_SECONDS * 1_000_000_000L) {
      windowStart = now;
      inWindow = 0;
    }
    if (seen.put(source, Boolean.TRUE) != null) {
      return -1;
    }
    if (inWindow >= BURST) {
      heldBack++;
      return -1;
    }
    inWindow++;
    int held = heldBack;
    heldBack = 0;
    return held;
  }
}
