package dev.voiceengine.providers.audio;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * Signed 16-bit little-endian PCM, as carried in {@code AudioChunk.pcm16}: conversion between the wire bytes and
 * samples. A trailing odd byte (a malformed chunk) is ignored.
 */
public final class Pcm16 {
  private Pcm16() {}

  /** Samples of little-endian PCM16 bytes. */
  public static short[] fromBytes(ByteString bytes) {
    ShortBuffer in = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    short[] out = new short[in.remaining()];
    in.get(out);
    return out;
  }

  /** Little-endian bytes of {@code length} samples from {@code offset}. */
  public static ByteString toBytes(short[] pcm, int offset, int length) {
    ByteBuffer out = ByteBuffer.allocate(length * 2).order(ByteOrder.LITTLE_ENDIAN);
    out.asShortBuffer().put(pcm, offset, length);
    return ByteString.copyFrom(out.array());
  }

  /** Little-endian bytes of all samples. */
  public static ByteString toBytes(short[] pcm) {
    return toBytes(pcm, 0, pcm.length);
  }
}
