package dev.voiceengine.media.dtmf;

import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * Turns a stream of RFC 4733 packets into key presses, each reported once, when it is over.
 *
 * <p>One key press is many packets with the same RTP timestamp (the event's start, RFC 4733 §2.5.1.2) and growing
 * durations; its end packet carries the E bit and is sent three times (§2.5.1.4). So:
 * <ul>
 *   <li>the first end packet of the current timestamp reports the press; its repeats, and any packet of that
 *       timestamp after it, are not counted again;</li>
 *   <li>a new press is a new (later) timestamp, whether or not its first packet carries the marker bit (§2.5.1.3:
 *       that packet may be lost); a press still open then, whose end packets were all lost, is reported first;</li>
 *   <li>an earlier timestamp, up to {@value #STRAGGLER_WINDOW} units back, is a late or duplicated packet and is
 *       ignored, unless it is the marked first packet (§2.5.1.3) of a timestamp none of the last {@value #REMEMBERED}
 *       presses had: then the sender's timeline went back (a new source, or captures replayed out of their order)
 *       and it is a new press; further back than the window is always a new timeline and a new press. A packet of
 *       one of those remembered presses, ahead or behind, is never counted again;</li>
 *   <li>a press longer than the 16-bit duration field continues in segments (§2.5.1.5): the same event, no marker,
 *       a timestamp where the previous segment ended, which had reached (nearly) the maximum duration. Segments add
 *       to one press;</li>
 *   <li>a press that stays open without packets for {@link #expire}'s silence is reported then.</li>
 * </ul>
 * Only DTMF events (0-16, §3.2) are key presses; other events, such as the fax and modem tones of RFC 4734, are
 * counted as packets and otherwise ignored. Used on the call's event loop.
 */
public final class TelephoneEventReceiver {
  /** How far, in 8 kHz timestamp units (10 s), a packet may trail the current key press and be a late one of it. */
  static final int STRAGGLER_WINDOW = 80_000;
  /** The longest duration one segment can report (§2.5.1.5). */
  static final int MAX_SEGMENT = 0xFFFF;
  /** How far below {@link #MAX_SEGMENT} a segment may have been last seen (its last packets lost): 200 ms. */
  static final int SEGMENT_SLACK = 1600;
  private static final int MAX_DIGITS = 256;
  /** How many recent presses' timestamps are remembered to recognise their late packets. */
  static final int REMEMBERED = 16;

  private final Consumer<KeyPress> listener;
  private final StringBuilder digits = new StringBuilder();
  private final int[] recent = new int[REMEMBERED];
  private int recentCount;
  private boolean hasEvent;
  private boolean open;
  private int segmentTimestamp;
  private int event;
  private long earlierSegments;
  private int duration;
  private long startedNanos;
  private long lastPacketNanos;
  private long packets;
  private long events;

  /** @param listener told of each key press once, when it is over, on the calling thread */
  public TelephoneEventReceiver(Consumer<KeyPress> listener) {
    this.listener = listener;
  }

  /** A receiver that only keeps {@link #digits()} and the counters. */
  public TelephoneEventReceiver() {
    this(press -> {});
  }

  /**
   * Takes one telephone-event payload received at {@code nowNanos}. Returns whether it held an event (payloads too
   * short to hold one are not counted).
   */
  public boolean onPacket(long nowNanos, int rtpTimestamp, boolean marker, ByteBuf buf, int index, int length) {
    TelephoneEvent e = TelephoneEvent.parse(buf, index, length);
    if (e == null) {
      return false;
    }
    packets++;
    if (!e.isDtmf()) {
      return true;
    }
    // RFC 3550 timestamps wrap: the difference in 32-bit arithmetic says how far ahead this packet is
    int ahead = rtpTimestamp - segmentTimestamp;
    if (hasEvent && ahead == 0) {
      if (open) {
        lastPacketNanos = nowNanos;
        duration = Math.max(duration, e.duration());
        if (e.end()) {
          close(true);
        }
      }
      return true;
    }
    if (hasEvent && (seen(rtpTimestamp) || ahead < 0 && ahead > -STRAGGLER_WINDOW && !marker)) {
      return true; // a late or repeated packet of an earlier press
    }
    if (hasEvent && open && continuesSegment(e, ahead, marker)) {
      earlierSegments += ahead;
      segmentTimestamp = rtpTimestamp;
      duration = e.duration();
      lastPacketNanos = nowNanos;
      if (e.end()) {
        close(true);
      }
      return true;
    }
    if (open) {
      close(false);
    }
    hasEvent = true;
    open = true;
    recent[recentCount++ % REMEMBERED] = rtpTimestamp;
    segmentTimestamp = rtpTimestamp;
    event = e.event();
    earlierSegments = 0;
    duration = e.duration();
    startedNanos = nowNanos - (long) e.duration() * 1_000_000L / KeyPress.UNITS_PER_MS;
    lastPacketNanos = nowNanos;
    if (e.end()) {
      close(true);
    }
    return true;
  }

  private boolean seen(int timestamp) {
    for (int i = Math.min(recentCount, REMEMBERED) - 1; i >= 0; i--) {
      if (recent[i] == timestamp) {
        return true;
      }
    }
    return false;
  }

  /** §2.5.1.5: the next segment of the open press starts where a full segment ended. */
  private boolean continuesSegment(TelephoneEvent e, int ahead, boolean marker) {
    return !marker && e.event() == event && duration >= MAX_SEGMENT - SEGMENT_SLACK
        && ahead >= duration && ahead <= MAX_SEGMENT;
  }

  /** Reports the open press when no packet of it came for {@code silenceNanos} (all its end packets lost). */
  public void expire(long nowNanos, long silenceNanos) {
    if (open && nowNanos - lastPacketNanos >= silenceNanos) {
      close(false);
    }
  }

  /** Reports the open press, if any (the call ends). */
  public void flush() {
    if (open) {
      close(false);
    }
  }

  private void close(boolean endSeen) {
    open = false;
    events++;
    char symbol = TelephoneEvent.symbolOf(event);
    if (digits.length() < MAX_DIGITS) {
      digits.append(symbol);
    }
    listener.accept(new KeyPress(symbol, startedNanos, earlierSegments + duration, endSeen));
  }

  /** Well-formed telephone-event packets received. */
  public long packets() {
    return packets;
  }

  /** Key presses reported. */
  public long events() {
    return events;
  }

  /** The keys reported so far, in order (first {@value #MAX_DIGITS}). */
  public String digits() {
    return digits.toString();
  }
}
