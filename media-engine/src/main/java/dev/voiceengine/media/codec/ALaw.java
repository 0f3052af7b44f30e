package dev.voiceengine.media.codec;

/**
 * ITU-T G.711 A-law (PCMA), table-driven.
 *
 * <p>Tables are built once from the reference algorithm (the public-domain Sun {@code g711.c}, G.711 Table 1a):
 * decoding is one lookup in 256 entries; encoding rounds the sample to the 13 bits A-law resolves (round half up,
 * as sox does) and looks that up in 8,193 entries. Codes carry the G.711 even-bit inversion (XOR 0x55), so silence is 0xD5.
 */
public final class ALaw {
  private static final short[] DECODE = new short[256];
  private static final byte[] ENCODE = new byte[(1 << 13) + 1];

  static {
    for (int code = 0; code < 256; code++) {
      DECODE[code] = (short) referenceDecode(code);
    }
    for (int i = 0; i < ENCODE.length; i++) {
      ENCODE[i] = (byte) referenceEncode13(i - (1 << 12));
    }
  }

  private ALaw() {}

  /** Linear PCM16 sample to an A-law code (0..255, as a byte). */
  public static byte encode(short sample) {
    return ENCODE[((sample + 4) >> 3) + (1 << 12)];
  }

  /** A-law code to a linear PCM16 sample (range ±32256). */
  public static short decode(byte code) {
    return DECODE[code & 0xFF];
  }

  /** The reference encoder on a 13-bit two's-complement value (values past the range are clipped). */
  static int referenceEncode13(int pcm13) {
    int mask;
    int magnitude = pcm13;
    if (magnitude >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      magnitude = -magnitude - 1;
    }
    int segment = segment(magnitude);
    if (segment >= 8) {
      return 0x7F ^ mask;
    }
    int code = segment << 4;
    code |= segment < 2 ? (magnitude >> 1) & 0x0F : (magnitude >> segment) & 0x0F;
    return code ^ mask;
  }

  static int referenceDecode(int code) {
    int a = (code ^ 0x55) & 0xFF;
    int t = (a & 0x0F) << 4;
    int segment = (a & 0x70) >> 4;
    switch (segment) {
      case 0 -> t += 8;
      case 1 -> t += 0x108;
      default -> {
        t += 0x108;
        t <<= segment - 1;
      }
    }
    return (a & 0x80) != 0 ? t : -t;
  }

  /** Segment of a 13-bit magnitude: ends at 0x1F, 0x3F, ..., 0xFFF. */
  private static int segment(int magnitude) {
    int end = 0x1F;
    for (int seg = 0; seg < 8; seg++) {
      if (magnitude <= end) {
        return seg;
      }
      end = (end << 1) | 1;
    }
    return 8;
  }
}
