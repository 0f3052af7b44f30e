package dev.voiceengine.server.it;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a RIFF/WAVE file's header says: its format chunk and the size of its data chunk, read byte by byte so that a
 * header the writer failed to finish (sizes left at zero or at a placeholder) shows as such.
 */
record WavHeader(int format, int channels, int sampleRate, int byteRate, int bitsPerSample, long dataBytes) {

  /** Seconds of audio the data chunk holds. */
  double seconds() {
    return (double) dataBytes / byteRate;
  }

  static WavHeader read(Path wav) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 12 || !tag(b, 0).equals("RIFF") || !tag(b, 8).equals("WAVE")) {
      throw new IOException(wav + " is not a RIFF/WAVE file");
    }
    int at = 12;
    WavHeader fmt = null;
    while (at + 8 <= b.limit()) {
      String id = tag(b, at);
      long size = Integer.toUnsignedLong(b.getInt(at + 4));
      if (id.equals("fmt ")) {
        fmt = new WavHeader(Short.toUnsignedInt(b.getShort(at + 8)), Short.toUnsignedInt(b.getShort(at + 10)),
            b.getInt(at + 12), b.getInt(at + 16), Short.toUnsignedInt(b.getShort(at + 22)), -1);
      } else if (id.equals("data")) {
        if (fmt == null) {
          throw new IOException(wav + ": data chunk before the fmt chunk");
        }
        return new WavHeader(fmt.format, fmt.channels, fmt.sampleRate, fmt.byteRate, fmt.bitsPerSample, size);
      }
      at += 8 + (int) size + (int) (size & 1);
    }
    throw new IOException(wav + ": no data chunk");
  }

  private static String tag(ByteBuffer b, int at) {
    byte[] four = new byte[4];
    b.get(at, four);
    return new String(four, StandardCharsets.US_ASCII);
  }
}
