package dev.voiceengine.media.jitter;

/**
 * Extends 16-bit RTP sequence numbers to a 64-bit count and keeps loss and duplicate accounting (after RFC 3550
 * Appendix A.1).
 *
 * <p>A window of the last {@value #WINDOW} sequence numbers remembers which were seen, so a duplicate is told apart
 * from a reordered packet that fills a gap. Loss is the number of sequence numbers between the lowest and the highest
 * received so far that were not received (a packet older than the stream's first one widens the range rather than
 * making loss negative); a late packet (received, but after its playout time) is not lost.
 *
 * <p>A number further from the highest than the window behind or {@value #MAX_DROPOUT} ahead is a jump. As in RFC 3550
 * A.1 ({@code bad_seq}), one such packet is not believed: it may be a stray (an ancient duplicate, a forged packet), and
 * restarting on it would make every packet of the real stream look older than the window. The numbering restarts only
 * when the next packet follows it.
 */
final class SequenceTracker {
  /** Sequence numbers remembered for duplicate detection (20 s of 20 ms packets). */
  static final int WINDOW = 1024;
  /** A forward jump larger than this is a restart of the numbering, not loss (RFC 3550 A.1 MAX_DROPOUT). */
  static final int MAX_DROPOUT = 3000;

  /** What one sequence number was, relative to those before it. */
  enum Result {
    FIRST,
    IN_ORDER,
    /** Older than the highest and not seen before: it filled a gap. */
    REORDERED,
    DUPLICATE,
    /** Too far from the highest (older than the window, or ahead by more than {@link #MAX_DROPOUT}), unconfirmed. */
    JUMP,
    /** The packet right after a {@link #JUMP}: counting starts again from this packet. */
    RESTART
  }

  private final long[] seen = new long[WINDOW / 64];
  private boolean started;
  private long highest;
  private long lowest;
  private long lost;
  /** The number that would confirm the last jump (RFC 3550 A.1 bad_seq); -1 for none. */
  private int badSeq = -1;

  Result track(int sequenceNumber) {
    int seq = sequenceNumber & 0xFFFF;
    if (!started) {
      start(seq);
      return Result.FIRST;
    }
    int delta = (short) (seq - (int) (highest & 0xFFFF));
    long extended = highest + delta;
    if (delta > MAX_DROPOUT || -delta >= WINDOW) {
      if (seq != badSeq) {
        badSeq = (seq + 1) & 0xFFFF;
        return Result.JUMP;
      }
      start(seq);
      return Result.RESTART;
    }
    if (delta > 0) {
      lost += delta - 1;
      clearAfterHighest(delta);
      highest = extended;
      mark(extended);
      return Result.IN_ORDER;
    }
    if (delta == 0) {
      return Result.DUPLICATE;
    }
    if (isMarked(extended)) {
      return Result.DUPLICATE;
    }
    mark(extended);
    if (extended < lowest) { // before the first packet: the stream starts earlier, and what lies between is missing
      lost += lowest - extended - 1;
      lowest = extended;
    } else {
      lost--;
    }
    return Result.REORDERED;
  }

  /** Forgets the stream (an SSRC change); the loss count is kept. */
  void reset() {
    started = false;
  }

  /** Sequence numbers never received so far, over all streams. */
  long lost() {
    return lost;
  }

  /** Highest extended sequence number (cycles in the upper bits). */
  long highest() {
    return highest;
  }

  private void start(int seq) {
    java.util.Arrays.fill(seen, 0L);
    // Extended numbers start one cycle up so that reordered packets just below the first stay positive.
    highest = (1L << 16) + seq;
    lowest = highest;
    badSeq = -1;
    started = true;
    mark(highest);
  }

  private void clearAfterHighest(int delta) {
    if (delta >= WINDOW) {
      java.util.Arrays.fill(seen, 0L);
      return;
    }
    for (long s = highest + 1; s <= highest + delta; s++) {
      int bit = (int) (s & (WINDOW - 1));
      seen[bit >>> 6] &= ~(1L << bit);
    }
  }

  private void mark(long extended) {
    int bit = (int) (extended & (WINDOW - 1));
    seen[bit >>> 6] |= 1L << bit;
  }

  private boolean isMarked(long extended) {
    int bit = (int) (extended & (WINDOW - 1));
    return (seen[bit >>> 6] & (1L << bit)) != 0;
  }
}
