package dev.voiceengine.media.dtmf;

/**
 * One key press as the receiver counts it: once, when it is over.
 *
 * @param digit         '0'-'9', '*', '#', 'A'-'D', or '!' for flash (RFC 4733 §3.2)
 * @param startedNanos  when the key went down, on the receiver's monotonic clock (the arrival of the first packet
 *                      seen, less the duration that packet already reported)
 * @param durationUnits how long the key was held, in timestamp units (8 kHz), over all segments (§2.5.1.5)
 * @param endSeen       whether an end packet (E bit, §2.5.1.4) closed it; false when a new key press, a silence or
 *                      the end of the call did
 */
public record KeyPress(char digit, long startedNanos, long durationUnits, boolean endSeen) {
  /** Telephone-event timestamp units per millisecond (the 8000 Hz clock of telephone-event/8000). */
  public static final int UNITS_PER_MS = 8;

  public long durationMs() {
    return durationUnits / UNITS_PER_MS;
  }
}
