package dev.voiceengine.media.jitter;

/**
 * Receive-side playout buffer keyed by RTP timestamp, holding decoded PCM, with a playout delay that follows the
 * measured lateness of the packets.
 *
 * <p>Samples live in a ring indexed by their position: the unwrapped RTP timestamp plus an offset chosen when the
 * stream is anchored. A bitmap says which positions hold received audio. The playout cursor starts the target delay
 * behind the first packet and {@link #pop} moves it one frame at a time; positions nothing arrived for play as
 * silence. Because packets are placed by timestamp, any packetization (10, 20, 30, 40 ms) plays out as 20 ms frames,
 * and reordered packets fall into place. The target ({@link PlayoutDelay}) starts at the maximum and follows how late
 * packets come: down to one frame on a clean path, up at once with a late packet, down a frame at a time later.
 *
 * <ul>
 *   <li>Sequence numbers (16 bit) and timestamps (32 bit) are unwrapped to longs (RFC 3550 A.1), so wrap-around is
 *       invisible.
 *   <li>A packet behind the cursor is late and dropped; {@value #LATE_RUN_RESYNC} late packets in a row, each the
 *       newest by sequence number, mean the sender's timeline moved back, so the stream is re-anchored instead. But
 *       the newest packet, late while nothing is buffered (the network or the event loop stalled and the cursor ran
 *       dry), is delivered late, not dropped: the stream is re-aligned to play it at the cursor, so the delay grows
 *       by its lateness and the only gap is the silence already played.
 *   <li>Growing toward the target: while the delay is below the target and the frame at the cursor is missing with
 *       later audio buffered (a late packet overtaken), the cursor holds: that frame's silence plays now and the
 *       packet, if it comes, plays after it. Audio is never stretched; only a gap is.
 *   <li>A new SSRC, or a timestamp jump of more than {@value #JUMP_MILLIS} ms either way in the newest packet, is a
 *       discontinuity: the new timeline is anchored right after what is already buffered, so nothing buffered is
 *       lost. A packet older by sequence number than one already received was only overtaken: it is placed, or late,
 *       but never re-anchors (which would play it after newer audio). A sequence number far from the stream's
 *       (RFC 3550 A.1) is dropped unless the next packet follows it, so one stray packet cannot move the stream.
 *   <li>If buffered audio stays deeper than needed, as after a delay spike or once the target fell, playout catches
 *       up toward the target a frame at a time, quiet frames first ({@link DelayTrimmer}).
 *   <li>If buffered audio grows past {@code maxDelay} (nobody pops yet, or the sender's clock outruns catching up)
 *       the cursor skips ahead to the target delay behind the newest sample.
 * </ul>
 *
 * <p>Not thread-safe and allocation-free after construction: one per call, used on the call's event loop.
 */
public final class JitterBuffer {
  /** Largest packet accepted, in samples (a 1500-byte G.711 datagram carries fewer). */
  public static final int MAX_PACKET_SAMPLES = 2048;
  static final int JUMP_MILLIS = 1000;
  static final int LATE_RUN_RESYNC = 3;

  private final int maxDelay;
  private final int jumpSamples;
  private final SampleRing ring;
  private final SequenceTracker sequence = new SequenceTracker();
  private final InterarrivalJitter jitter;
  private final DelayTrimmer trimmer;
  private final PlayoutDelay playout;

  private boolean anchored;
  private int ssrc;
  private boolean tracking;
  private int trackedSsrc;
  private long highestTimestamp;
  private long offset;
  private long readPosition;
  private long endPosition;
  private int lateRun;

  private long received;
  private long late;
  private long duplicate;
  private long resyncs;
  private long skippedSamples;
  private long caughtUpSamples;
  private long concealedSamples;
  private long heldSamples;

  /** A fixed playout delay of {@code delaySamples}: the tolerated lateness. See the adaptive constructor. */
  public JitterBuffer(int clockRate, int delaySamples, int maxDelaySamples) {
    this(clockRate, delaySamples, delaySamples, maxDelaySamples);
  }

  /**
   * A playout delay that follows the measured lateness of the packets, between a minimum and a maximum.
   *
   * @param clockRate       RTP clock rate (8000 for G.711)
   * @param minDelaySamples the lowest delay aimed at (one 20 ms frame: a clean path)
   * @param delaySamples    the highest delay aimed at, and the one playout starts with
   * @param maxDelaySamples buffered audio beyond this is skipped (late audio piles up to here before it is dropped);
   *                        must exceed {@code delaySamples}
   */
  public JitterBuffer(int clockRate, int minDelaySamples, int delaySamples, int maxDelaySamples) {
    if (minDelaySamples < 0 || delaySamples < minDelaySamples || maxDelaySamples <= delaySamples) {
      throw new IllegalArgumentException("need 0 <= minDelay <= delay < maxDelay, got minDelay=" + minDelaySamples
          + " delay=" + delaySamples + " maxDelay=" + maxDelaySamples);
    }
    this.playout = new PlayoutDelay(clockRate, clockRate / 50, minDelaySamples, delaySamples);
    this.maxDelay = maxDelaySamples;
    this.jumpSamples = clockRate * JUMP_MILLIS / 1000;
    this.ring = new SampleRing(Math.max(64, Integer.highestOneBit(maxDelaySamples + MAX_PACKET_SAMPLES) << 1));
    this.jitter = new InterarrivalJitter(clockRate);
    this.trimmer = new DelayTrimmer(clockRate);
  }

  /**
   * Stores one packet's decoded samples.
   *
   * @param ssrc           the packet's SSRC
   * @param sequenceNumber 16-bit sequence number
   * @param timestamp      32-bit RTP timestamp of the first sample
   * @param arrivalNanos   when it arrived, {@link System#nanoTime()} scale (for jitter)
   * @param pcm            decoded samples from index 0
   * @param count          number of samples; more than {@link #MAX_PACKET_SAMPLES} are cut
   */
  public PushResult push(int ssrc, int sequenceNumber, int timestamp, long arrivalNanos, short[] pcm, int count) {
    received++;
    count = Math.min(Math.min(count, pcm.length), MAX_PACKET_SAMPLES);
    boolean resynced = false;
    boolean fresh = false;
    if (!anchored || ssrc != this.ssrc) {
      if (anchored) {
        resyncs++;
        resynced = true;
      }
      fresh = true;
      this.ssrc = ssrc;
      anchor(timestamp & 0xFFFF_FFFFL);
      anchored = true;
    }
    SequenceTracker.Result order = track(ssrc, sequenceNumber);
    if (order == SequenceTracker.Result.DUPLICATE) {
      duplicate++;
      return PushResult.DUPLICATE;
    }
    if (order == SequenceTracker.Result.JUMP && !fresh) {
      late++; // a lone stray, as far as anyone can tell yet: dropped, as RFC 3550 A.1 does until the next confirms it
      return PushResult.LATE;
    }
    // only the newest packet can show that the sender's timeline moved: an older one was merely overtaken
    boolean newest = order != SequenceTracker.Result.REORDERED;
    long extended = highestTimestamp + (timestamp - (int) highestTimestamp);
    long position = extended + offset;
    if (!fresh && newest && isJump(position, count)) {
      resyncs++;
      resynced = true;
      anchor(extended);
      position = extended + offset;
    }
    if (extended > highestTimestamp) {
      highestTimestamp = extended;
    }
    jitter.update(arrivalNanos, extended); // audio only: see observe()
    playout.arrived(arrivalNanos, extended);
    if (position < readPosition && newest && endPosition <= readPosition) {
      resyncs++; // ran dry: delivered late rather than dropped, from the cursor on
      resynced = true;
      realign(extended);
      position = extended + offset;
    } else if (position + count <= readPosition) {
      if (!newest || ++lateRun < LATE_RUN_RESYNC) {
        late++;
        return PushResult.LATE;
      }
      resyncs++;
      resynced = true;
      anchor(extended);
      position = extended + offset;
    }
    lateRun = 0;
    long end = position + count;
    long newEnd = Math.max(endPosition, end);
    if (newEnd - readPosition > maxDelay) {
      long target = newEnd - playout.target();
      skippedSamples += ring.countFilled(readPosition, target);
      advanceTo(target);
    }
    ring.write(position, pcm, (int) Math.max(0, readPosition - position), count);
    endPosition = newEnd;
    return resynced ? PushResult.RESYNCED : PushResult.ACCEPTED;
  }

  /**
   * Accounts for a packet of the stream that is not audio: an RFC 4733 telephone-event or RFC 3389 comfort noise.
   * These share the audio's SSRC and sequence numbers (RFC 4733 §2.1, RFC 3550 §5.1), so leaving them out would
   * count every one as lost. They neither play nor count as received audio, and they do not feed the interarrival
   * jitter: a telephone-event's timestamp is the start of its event, repeated in every packet of it (RFC 4733
   * §2.2.1), not the sampling instant RFC 3550 §6.4.1 compares arrival times with. A repeated sequence number is not
   * counted as a duplicate, because some senders retransmit the final event packet unchanged (RFC 4733 §2.5.1.4).
   */
  public void observe(int ssrc, int sequenceNumber) {
    track(ssrc, sequenceNumber);
  }

  /**
   * Plays out {@code out.length} samples from the cursor and advances it; missing samples are silence. Before the
   * first packet, everything is silence and the cursor does not move. Returns how many samples were real audio.
   * While catching up after a delay spike, the frame at the cursor may be dropped and the one after it played; while
   * growing toward the target, a missing frame plays as silence without moving the cursor.
   */
  public int pop(short[] out) {
    int n = out.length;
    if (!anchored) {
      java.util.Arrays.fill(out, (short) 0);
      return 0;
    }
    int target = playout.target();
    if (trimmer.owes(n) && trimmer.drops(n, ring.filled(), ring.peak(readPosition, n), target)) {
      skippedSamples += ring.countFilled(readPosition, readPosition + n);
      caughtUpSamples += n;
      advanceTo(readPosition + n);
    }
    if (holds(n, target)) {
      java.util.Arrays.fill(out, (short) 0);
      concealedSamples += n;
      heldSamples += n;
      trimmer.played(n, ring.filled(), target);
      return 0;
    }
    int real = ring.take(readPosition, out);
    readPosition += n;
    concealedSamples += n - real;
    trimmer.played(n, ring.filled(), target);
    return real;
  }

  /**
   * The pacer skipped {@code samples} of playout (its event loop stalled): the cursor passes over what never arrived,
   * up to {@code samples}, but stops at received audio, which is played late rather than dropped; the catching up
   * wears the extra delay off afterwards.
   */
  public void skip(int samples) {
    if (anchored) {
      long to = readPosition + samples;
      long p = readPosition;
      long limit = Math.min(to, endPosition); // nothing received lies beyond endPosition
      while (p < limit && !ring.isFilled(p)) {
        p++;
      }
      advanceTo(p < endPosition ? p : to);
    }
  }

  /**
   * Starts playout from now: if more than the target delay is buffered (packets came before anyone popped), drops
   * the oldest so the cursor is that delay behind the newest sample.
   */
  public void startPlayout() {
    int delay = playout.target();
    if (anchored && endPosition - readPosition > delay) {
      long target = endPosition - delay;
      skippedSamples += ring.countFilled(readPosition, target);
      advanceTo(target);
    }
  }

  /** Samples buffered ahead of the cursor (received or not). */
  public int bufferedSamples() {
    return anchored ? (int) Math.max(0, endPosition - readPosition) : 0;
  }

  public JitterStats stats() {
    return new JitterStats(received, sequence.lost(), late, duplicate, resyncs, skippedSamples, caughtUpSamples,
        concealedSamples, jitter.jitterMillis(), jitter.maxJitterMillis(), playout.targetMillis(), heldSamples);
  }

  /** The playout delay aimed at now, in milliseconds: what the measured lateness of the packets calls for. */
  public double currentDelayMs() {
    return playout.targetMillis();
  }

  public double jitterMillis() {
    return jitter.jitterMillis();
  }

  /** Loss accounting restarts with each new SSRC, whether its first packet is audio or not. */
  private SequenceTracker.Result track(int ssrc, int sequenceNumber) {
    if (!tracking || ssrc != trackedSsrc) {
      sequence.reset();
      trackedSsrc = ssrc;
      tracking = true;
    }
    return sequence.track(sequenceNumber);
  }

  /** Places the packet with unwrapped timestamp {@code extended} right after what is buffered. */
  private void anchor(long extended) {
    int delay = playout.target();
    long base = anchored ? Math.max(readPosition + delay, endPosition) : delay;
    if (!anchored) {
      readPosition = 0;
      endPosition = 0;
    }
    offset = base - extended;
    highestTimestamp = extended;
    lateRun = 0;
    jitter.restart();
    playout.restart();
    trimmer.restart();
  }

  /**
   * The same timeline, shifted so that the packet with unwrapped timestamp {@code extended} plays at the cursor: it
   * came late with nothing buffered. Arrival statistics go on (its lateness is what they are for).
   */
  private void realign(long extended) {
    offset = readPosition - extended;
    lateRun = 0;
    trimmer.restart();
  }

  /**
   * Whether to hold the cursor for this frame: the delay is adaptive and below {@code target}, nothing of the frame
   * has arrived, and later audio has (so a packet is overdue, not the stream paused: a paused stream runs dry and is
   * re-aligned when it comes back late).
   */
  private boolean holds(int n, int target) {
    return playout.adaptive() && endPosition - readPosition - n < target && endPosition > readPosition + n
        && ring.countFilled(readPosition, readPosition + n) == 0;
  }

  private boolean isJump(long position, int count) {
    long expected = Math.max(endPosition, readPosition);
    return position - expected > jumpSamples || expected - (position + count) > jumpSamples;
  }

  private void advanceTo(long target) {
    if (target > readPosition) {
      ring.clear(readPosition, target);
      readPosition = target;
    }
  }
}
