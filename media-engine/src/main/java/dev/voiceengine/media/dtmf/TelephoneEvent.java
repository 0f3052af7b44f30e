package dev.voiceengine.media.dtmf;

import io.netty.buffer.ByteBuf;

/**
 * One RFC 4733 §2.3 telephone-event payload: event code, end bit, volume and duration.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |     event     |E|R| volume    |          duration             |
 * </pre>
 *
 * @param event    0-9 digits, 10 '*', 11 '#', 12-15 'A'-'D', 16 flash (RFC 4733 §3.2)
 * @param end      the E bit: this is (a retransmission of) the last packet of the event
 * @param volume   power level, 0 to -63 dBm0, as a positive number
 * @param duration in RTP timestamp units since the event's timestamp
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {
  /** Payload bytes of one event. */
  public static final int LENGTH = 4;

  /** Parses the first event of a payload; null when fewer than {@value #LENGTH} bytes. */
  public static TelephoneEvent parse(ByteBuf buf, int index, int length) {
    if (length < LENGTH) {
      return null;
    }
    int flags = buf.getUnsignedByte(index + 1);
    return new TelephoneEvent(
        buf.getUnsignedByte(index), (flags & 0x80) != 0, flags & 0x3F, buf.getUnsignedShort(index + 2));
  }

  /** Highest DTMF event code: 16, flash (RFC 4733 §3.2). */
  public static final int MAX_DTMF_EVENT = 16;

  /** Whether {@link #event} is a DTMF key or flash, rather than another registered tone or an unknown code. */
  public boolean isDtmf() {
    return event <= MAX_DTMF_EVENT;
  }

  /** The DTMF symbol of {@link #event}: '0'-'9', '*', '#', 'A'-'D', '!' for flash, '?' otherwise. */
  public char symbol() {
    return symbolOf(event);
  }

  public static char symbolOf(int event) {
    if (event >= 0 && event <= 9) {
      return (char) ('0' + event);
    }
    return switch (event) {
      case 10 -> '*';
      case 11 -> '#';
      case 12, 13, 14, 15 -> (char) ('A' + event - 12);
      case 16 -> '!';
      default -> '?';
    };
  }
}
