package dev.voiceengine.media.dtmf;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * Sends key presses as RFC 4733 telephone-events on the call's own RTP stream, one packet per 20 ms frame in place
 * of that frame's audio (§2.5.1.1: the events share the audio's SSRC, sequence numbers and clock).
 *
 * <p>Each key is held {@value #TONE_FRAMES} frames (100 ms, well above the 40 ms a DTMF receiver must accept): the
 * first packet carries the marker bit (§2.5.1.3), every packet of the key carries the key's start as its timestamp
 * and the time since then as its duration (§2.5.1.2); then the end packet (E bit, final duration) is sent
 * {@value #END_REPEATS} times, one per frame (§2.5.1.4), which also makes the pause before the next key. Audio
 * resumes with the timestamps it would have had: the clock never stops. Requests queue and complete in order. The
 * call's event loop only.
 */
public final class TelephoneEventSender {
  /** Keys that can be sent: 0-9, *, #, A-D (RFC 4733 §3.2). */
  public static final Pattern DIGITS = Pattern.compile("[0-9*#A-D]+");
  /** Longest digit string one request may send. */
  public static final int MAX_DIGITS = 64;
  static final int FRAME_UNITS = 160;
  static final int TONE_FRAMES = 5;
  static final int END_REPEATS = 3;
  /** Power level of the tones, -10 dBm0 (§2.3.4), a usual DTMF level. */
  static final int VOLUME = 10;

  private final Queue<Request> requests = new ArrayDeque<>();
  private Request current;
  private int digitIndex;
  private int frame = -1;
  private int eventTimestamp;
  private int event;

  /** Throws IllegalArgumentException unless {@code digits} is 1 to {@value #MAX_DIGITS} of [0-9*#A-D]. */
  public static void validate(String digits) {
    if (digits == null || digits.isEmpty() || digits.length() > MAX_DIGITS || !DIGITS.matcher(digits).matches()) {
      throw new IllegalArgumentException("digits must be 1 to " + MAX_DIGITS + " of 0-9, *, #, A-D");
    }
  }

  /** Queues {@code digits} (validated); {@code done} completes when the last end packet of them has been sent. */
  public void enqueue(String digits, CompletableFuture<Void> done) {
    validate(digits);
    requests.add(new Request(digits, done));
  }

  /** Whether keys are being sent or wait to be. */
  public boolean busy() {
    return current != null || !requests.isEmpty();
  }

  /**
   * Moves on by one frame whose audio would carry {@code frameTimestamp}. Returns true when this frame is an event
   * packet instead: then {@link #marker}, {@link #timestamp} and {@link #writePayload} describe it.
   */
  public boolean nextFrame(int frameTimestamp) {
    if (current != null && ++frame == TONE_FRAMES + END_REPEATS) {
      frame = -1;
      if (++digitIndex == current.digits.length()) {
        current.done.complete(null);
        current = null;
      }
    }
    if (current == null) {
      current = requests.poll();
      digitIndex = 0;
      if (current == null) {
        return false;
      }
    }
    if (frame < 0) {
      frame = 0;
      eventTimestamp = frameTimestamp;
      event = eventCode(current.digits.charAt(digitIndex));
    }
    return true;
  }

  /** The marker bit: on the first packet of each key (§2.5.1.3). */
  public boolean marker() {
    return frame == 0;
  }

  /** The key's start, on every packet of it (§2.5.1.2). */
  public int timestamp() {
    return eventTimestamp;
  }

  /** Appends this frame's 4-byte payload (§2.3). */
  public void writePayload(ByteBuf out) {
    boolean end = frame >= TONE_FRAMES;
    int duration = Math.min(frame + 1, TONE_FRAMES) * FRAME_UNITS;
    out.writeByte(event);
    out.writeByte((end ? 0x80 : 0) | VOLUME);
    out.writeShort(duration);
  }

  /** Fails what is being sent and what waits with {@code cause} (the call ended, or can no longer send events). */
  public void cancel(RuntimeException cause) {
    if (current != null) {
      current.done.completeExceptionally(cause);
      current = null;
      frame = -1;
    }
    for (Request r = requests.poll(); r != null; r = requests.poll()) {
      r.done.completeExceptionally(cause);
    }
  }

  /** The event code of a key (§3.2). */
  static int eventCode(char digit) {
    if (digit >= '0' && digit <= '9') {
      return digit - '0';
    }
    return switch (digit) {
      case '*' -> 10;
      case '#' -> 11;
      case 'A', 'B', 'C', 'D' -> 12 + digit - 'A';
      default -> throw new IllegalArgumentException("not a DTMF key: " + digit);
    };
  }

  private record Request(String digits, CompletableFuture<Void> done) {}
}
