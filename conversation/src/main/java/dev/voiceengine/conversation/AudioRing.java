package dev.voiceengine.conversation;

/**
 * The last second or so of the caller's audio, addressed by absolute sample position, so that speech recognition
 * can start from the speech onset that voice activity detection reports a little after the fact.
 */
final class AudioRing {
  private final short[] ring;
  private long written;

  AudioRing(int capacity) {
    this.ring = new short[capacity];
  }

  void write(short[] pcm, int offset, int length) {
    for (int i = 0; i < length; i++) {
      ring[(int) ((written + i) % ring.length)] = pcm[offset + i];
    }
    written += length;
  }

  /** Samples written so far: the position of the next sample. */
  long position() {
    return written;
  }

  /** The oldest position still held. */
  long oldest() {
    return Math.max(0, written - ring.length);
  }

  /** Copies {@code [from, position())} (clamped to what is held). */
  short[] since(long from) {
    long start = Math.max(from, oldest());
    int n = (int) Math.max(0, written - start);
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      out[i] = ring[(int) ((start + i) % ring.length)];
    }
    return out;
  }
}
