package dev.voiceengine.providers.audio;

import com.google.protobuf.ByteString;

/** Signed 16-bit little-endian PCM, as carried in {@code AudioChunk.pcm16}. */
public final class Pcm16 {
  private Pcm16() {}

  public static short[] fromBytes(ByteString bytes) {
    int n = bytes.size() / 2;
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      out[i] = (short) ((bytes.byteAt(2 * i) & 0xff) | (bytes.byteAt(2 * i + 1) << 8));
    }
    return out;
  }

  public static ByteString toBytes(short[] pcm, int offset, int length) {
    byte[] out = new byte[length * 2];
    for (int i = 0; i < length; i++) {
      short s = pcm[offset + i];
      out[2 * i] = (byte) s;
      out[2 * i + 1] = (byte) (s >> 8);
    }
    return ByteString.copyFrom(out);
  }

  public static ByteString toBytes(short[] pcm) {
    return toBytes(pcm, 0, pcm.length);
  }
}
