package dev.voiceengine.conversation.provider.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.util.ArrayDeque;

/**
 * Audio accepted from the call but not yet sent, as PCM16 little-endian bytes in order. It grows with what waits
 * (nothing, normally; up to the lag bound while a provider does not read) rather than reserving that bound per call.
 */
final class PcmBacklog {
  private final ArrayDeque<byte[]> pieces = new ArrayDeque<>();
  private int headOffset;
  private int size;

  /** Appends {@code length} samples (copied). */
  void append(short[] pcm, int offset, int length) {
    byte[] bytes = new byte[2 * length];
    Pcm16.encode(pcm, offset, length, bytes, 0);
    pieces.addLast(bytes);
    size += bytes.length;
  }

  /** Bytes waiting. */
  int size() {
    return size;
  }

  /** Removes and returns the first {@code n} bytes ({@code n <= size()}). */
  ByteString take(int n) {
    byte[] out = new byte[n];
    int at = 0;
    while (at < n) {
      byte[] head = pieces.peekFirst();
      int count = Math.min(head.length - headOffset, n - at);
      System.arraycopy(head, headOffset, out, at, count);
      at += count;
      headOffset += count;
      if (headOffset == head.length) {
        pieces.removeFirst();
        headOffset = 0;
      }
    }
    size -= n;
    return UnsafeByteOperations.unsafeWrap(out);
  }

  void clear() {
    pieces.clear();
    headOffset = 0;
    size = 0;
  }
}
