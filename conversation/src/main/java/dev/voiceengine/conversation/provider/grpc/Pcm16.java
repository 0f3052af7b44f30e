package dev.voiceengine.conversation.provider.grpc;

import com.google.protobuf.ByteString;
import java.nio.ByteOrder;

/** Signed 16-bit little-endian PCM, the byte layout of {@code AudioChunk.pcm16}. */
final class Pcm16 {
  private Pcm16() {}

  /** Writes {@code length} samples from {@code pcm[offset]} into {@code out} at {@code at}, low byte first. */
  static void encode(short[] pcm, int offset, int length, byte[] out, int at) {
    for (int i = 0; i < length; i++) {
      short s = pcm[offset + i];
      out[at + 2 * i] = (byte) s;
      out[at + 2 * i + 1] = (byte) (s >> 8);
    }
  }

  /** The samples of {@code bytes}, which holds an even number of bytes. */
  static short[] decode(ByteString bytes) {
    short[] samples = new short[bytes.size() / 2];
    bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }
}
