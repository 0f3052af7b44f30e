package dev.voiceengine.media.dtmf;

import io.netty.buffer.ByteBuf;

/**
 * Turns a stream of RFC 4733 packets into key presses.
 *
 * <p>One key press is sent as many packets with the same RTP timestamp (the event's start, RFC 4733 §2.5.1.2) and
 * growing durations, and its end packet is repeated three times (§2.5.1.4). So a new key press is a new timestamp;
 * repeats and updates of the current one are not counted again, and neither is a packet of an earlier key press that
 * the network delivered late (its timestamp is up to {@value #STRAGGLER_WINDOW} units behind the current one; further
 * back is a new timeline, as after a change of source). Only DTMF events (0-16, §3.2) are key presses; other events,
 * such as the fax and modem tones of RFC 4734, are counted as packets and otherwise ignored. Packets are never played
 * as audio. Used on the call's event loop.
 */
public final class TelephoneEventReceiver {
  /** How far, in 8 kHz timestamp units (10 s), a packet may trail the current key press and be a late one of it. */
  static final int STRAGGLER_WINDOW = 80_000;
  private static final int MAX_DIGITS = 256;

  private final StringBuilder digits = new StringBuilder();
  private boolean hasEvent;
  private int eventTimestamp;
  private long packets;
  private long events;

  /**
   * Takes one telephone-event payload. Returns the event when this packet starts a new key press, else null (also
   * for payloads too short to hold an event, which are not counted).
   */
  public TelephoneEvent onPacket(int rtpTimestamp, ByteBuf buf, int index, int length) {
    TelephoneEvent event = TelephoneEvent.parse(buf, index, length);
    if (event == null) {
      return null;
    }
    packets++;
    if (!event.isDtmf()) {
      return null;
    }
    // RFC 3550 timestamps wrap: the difference in 32-bit arithmetic says how far behind this packet is
    int behind = eventTimestamp - rtpTimestamp;
    if (hasEvent && behind >= 0 && behind < STRAGGLER_WINDOW) {
      return null;
    }
    hasEvent = true;
    eventTimestamp = rtpTimestamp;
    events++;
    if (digits.length() < MAX_DIGITS) {
      digits.append(event.symbol());
    }
    return event;
  }

  /** Well-formed telephone-event packets received. */
  public long packets() {
    return packets;
  }

  /** Distinct key presses. */
  public long events() {
    return events;
  }

  /** The keys pressed so far, in order (first {@value #MAX_DIGITS}). */
  public String digits() {
    return digits.toString();
  }
}
