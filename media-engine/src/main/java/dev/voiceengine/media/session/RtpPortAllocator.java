package dev.voiceengine.media.session;

import java.util.BitSet;

/**
 * Hands out the even ports of a range for RTP (RFC 3550 §11: RTP on an even port, RTCP on the odd one above).
 *
 * <p>Next-fit: the search continues after the last port handed out, so a port just released (or one whose bind
 * failed because another process holds it) is the last to be tried again. Thread-safe; not on any packet path.
 */
public final class RtpPortAllocator {
  private final int first;
  private final int count;
  private final BitSet used;
  private int cursor;
  private int inUse;

  /** Uses the even ports in [{@code min}, {@code max}]. */
  public RtpPortAllocator(int min, int max) {
    if (min < 1 || max > 65535 || min > max) {
      throw new IllegalArgumentException("bad RTP port range " + min + "-" + max);
    }
    this.first = (min + 1) & ~1;
    int last = max & ~1;
    this.count = last >= first ? (last - first) / 2 + 1 : 0;
    if (count == 0) {
      throw new IllegalArgumentException("no even port in " + min + "-" + max);
    }
    this.used = new BitSet(count);
  }

  /** A free even port, marked used; -1 when every port is in use. */
  public synchronized int acquire() {
    if (inUse == count) {
      return -1;
    }
    int slot = used.nextClearBit(cursor);
    if (slot >= count) {
      slot = used.nextClearBit(0);
    }
    used.set(slot);
    inUse++;
    cursor = slot + 1 == count ? 0 : slot + 1;
    return first + 2 * slot;
  }

  /** Returns a port to the pool. Releasing a port that is not in use does nothing. */
  public synchronized void release(int port) {
    int slot = (port - first) / 2;
    if (port < first || (port & 1) != 0 || slot >= count || !used.get(slot)) {
      return;
    }
    used.clear(slot);
    inUse--;
  }

  /** Number of ports in the range. */
  public int capacity() {
    return count;
  }

  public synchronized int inUse() {
    return inUse;
  }
}
