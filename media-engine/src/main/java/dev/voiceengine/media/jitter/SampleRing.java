package dev.voiceengine.media.jitter;

import java.util.Arrays;

/**
 * The jitter buffer's storage: samples in a power-of-two ring indexed by timeline position, and a bitmap saying which
 * positions hold received audio, so a gap is told from silence that was sent. Positions are cleared once played or
 * passed, so everything marked lies ahead of the cursor. Allocation-free after construction; not thread-safe.
 */
final class SampleRing {
  private final short[] samples;
  private final long[] filled;
  private final int mask;

  /** A ring of {@code capacity} samples: a power of two, at least 64. */
  SampleRing(int capacity) {
    if (capacity < 64 || Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("the capacity must be a power of two of at least 64, got " + capacity);
    }
    this.samples = new short[capacity];
    this.filled = new long[capacity / 64];
    this.mask = capacity - 1;
  }

  int capacity() {
    return samples.length;
  }

  /** Stores {@code pcm[from..count)} at {@code position + from} on. */
  void write(long position, short[] pcm, int from, int count) {
    for (int i = from; i < count; i++) {
      int index = (int) ((position + i) & mask);
      samples[index] = pcm[i];
      filled[index >>> 6] |= 1L << index;
    }
  }

  /** Moves the samples from {@code from} on into {@code out}, silence where none arrived; returns how many had. */
  int take(long from, short[] out) {
    int real = 0;
    long p = from;
    for (int i = 0; i < out.length; i++, p++) {
      int index = (int) (p & mask);
      long bit = 1L << index;
      int word = index >>> 6;
      if ((filled[word] & bit) != 0) {
        out[i] = samples[index];
        filled[word] &= ~bit;
        real++;
      } else {
        out[i] = 0;
      }
    }
    return real;
  }

  boolean isFilled(long position) {
    int index = (int) (position & mask);
    return (filled[index >>> 6] & (1L << index)) != 0;
  }

  /** Received samples in [from, to). */
  long countFilled(long from, long to) {
    long n = 0;
    long end = Math.min(to, from + samples.length);
    for (long p = from; p < end; p++) {
      if (isFilled(p)) {
        n++;
      }
    }
    return n;
  }

  /** All received samples held: all ahead of the cursor, as passed positions are cleared. */
  int filled() {
    int n = 0;
    for (long word : filled) {
      n += Long.bitCount(word);
    }
    return n;
  }

  /** Largest magnitude among the received samples in [from, from + n). */
  int peak(long from, int n) {
    int peak = 0;
    for (long p = from; p < from + n; p++) {
      if (isFilled(p)) {
        peak = Math.max(peak, Math.abs(samples[(int) (p & mask)]));
      }
    }
    return peak;
  }

  /** Forgets what was received in [from, to). */
  void clear(long from, long to) {
    if (to - from >= samples.length) {
      Arrays.fill(filled, 0L);
      return;
    }
    for (long p = from; p < to; p++) {
      int index = (int) (p & mask);
      filled[index >>> 6] &= ~(1L << index);
    }
  }
}
