package dev.voiceengine.testsupport.rtp;

/**
 * G.711 for the test peers, written apart from the engine's codec so that a peer does not share the engine's bugs
 * (and so that test-support depends on no product module). The classic segment-search form of ITU-T G.711 on
 * 14-bit (μ-law) and 13-bit (A-law) samples, rounded from 16-bit as sox does; payload types per RFC 3551 §4.5.14.
 */
public enum G711 {
  /** μ-law, RTP payload type 0 (PCMU). */
  ULAW(0) {
    @Override
    public byte encode(short sample) {
      int pcm = (sample + 2) >> 2; // to 14 bits, rounded
      int mask;
      if (pcm < 0) {
        pcm = -pcm;
        mask = 0x7F;
      } else {
        mask = 0xFF;
      }
      pcm = Math.min(pcm, 8159) + 33; // clip, then add the bias
      int seg = segment(pcm, 0x3F);
      int code = seg >= 8 ? 0x7F : (seg << 4) | ((pcm >> (seg + 1)) & 0x0F);
      return (byte) (code ^ mask);
    }

    @Override
    public short decode(byte code) {
      int u = ~code & 0xFF;
      int t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4);
      return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
    }
  },
  /** A-law, RTP payload type 8 (PCMA). */
  ALAW(8) {
    @Override
    public byte encode(short sample) {
      int pcm = (sample + 4) >> 3; // to 13 bits, rounded
      int mask;
      if (pcm >= 0) {
        mask = 0xD5; // sign bit set, even bits inverted
      } else {
        mask = 0x55;
        pcm = -pcm - 1;
      }
      int seg = segment(pcm, 0x1F);
      int code = seg >= 8 ? 0x7F : (seg << 4) | ((pcm >> (seg < 2 ? 1 : seg)) & 0x0F);
      return (byte) (code ^ mask);
    }

    @Override
    public short decode(byte code) {
      int a = (code & 0xFF) ^ 0x55;
      int t = (a & 0x0F) << 4;
      int seg = (a & 0x70) >> 4;
      if (seg == 0) {
        t += 8;
      } else if (seg == 1) {
        t += 0x108;
      } else {
        t = (t + 0x108) << (seg - 1);
      }
      return (short) ((a & 0x80) != 0 ? t : -t);
    }
  };

  private final int payloadType;

  G711(int payloadType) {
    this.payloadType = payloadType;
  }

  /** The 8-bit code of a 16-bit linear sample. */
  public abstract byte encode(short sample);

  /** The 16-bit linear sample of a code. */
  public abstract short decode(byte code);

  /** The static RTP payload type (RFC 3551 table 4). */
  public int payloadType() {
    return payloadType;
  }

  /** The code of digital silence (a zero sample). */
  public byte silence() {
    return encode((short) 0);
  }

  /** The segment (0..7, 8 when over range) of a magnitude: segment n ends at {@code (first + 1) << n} - 1. */
  private static int segment(int magnitude, int first) {
    int seg = 0;
    for (int end = first; seg < 8 && magnitude > end; end = (end << 1) | 1) {
      seg++;
    }
    return seg;
  }
}
