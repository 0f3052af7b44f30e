package dev.voiceengine.media.codec;

/**
 * ITU-T G.711 μ-law (PCMU), table-driven.
 *
 * <p>The tables are built once from the reference algorithm (the public-domain Sun {@code g711.c}, which follows
 * G.711 Table 2a): decoding is one lookup in 256 entries. Encoding rounds the 16-bit sample to the 14 bits μ-law
 * resolves (round half up, as sox does, rather than truncating, which would bias quiet signals negative) and looks
 * that up in 16,385 entries, so the hot path has no branches.
 */
public final class MuLaw {
  private static final int BIAS = 0x84;
  private static final int CLIP = 8159;
  private static final short[] DECODE = new short[256];
  private static final byte[] ENCODE = new byte[(1 << 14) + 1];

  static {
    for (int code = 0; code < 256; code++) {
      DECODE[code] = (short) referenceDecode(code);
    }
    for (int i = 0; i < ENCODE.length; i++) {
      ENCODE[i] = (byte) referenceEncode14(i - (1 << 13));
    }
  }

  private MuLaw() {}

  /** Linear PCM16 sample to a μ-law code (0..255, as a byte). */
  public static byte encode(short sample) {
    return ENCODE[((sample + 2) >> 2) + (1 << 13)];
  }

  /** μ-law code to a linear PCM16 sample (range ±32124). */
  public static short decode(byte code) {
    return DECODE[code & 0xFF];
  }

  /** The reference encoder on a 14-bit two's-complement value (values past the range are clipped). */
  static int referenceEncode14(int pcm14) {
    int mask;
    int magnitude = pcm14;
    if (magnitude < 0) {
      magnitude = -magnitude;
      mask = 0x7F;
    } else {
      mask = 0xFF;
    }
    if (magnitude > CLIP) {
      magnitude = CLIP;
    }
    magnitude += BIAS >> 2;
    int segment = segment(magnitude);
    if (segment >= 8) {
      return 0x7F ^ mask;
    }
    int code = (segment << 4) | ((magnitude >> (segment + 1)) & 0x0F);
    return code ^ mask;
  }

  static int referenceDecode(int code) {
    int u = ~code & 0xFF;
    int t = ((u & 0x0F) << 3) + BIAS;
    t <<= (u & 0x70) >> 4;
    return (u & 0x80) != 0 ? BIAS - t : t - BIAS;
  }

  /** Segment of a biased 14-bit magnitude: ends at 0x3F, 0x7F, ..., 0x1FFF. */
  private static int segment(int magnitude) {
    int end = 0x3F;
    for (int seg = 0; seg < 8; seg++) {
      if (magnitude <= end) {
        return seg;
      }
      end = (end << 1) | 1;
    }
    return 8;
  }
}
