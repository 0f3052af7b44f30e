package dev.voiceengine.media.record;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The canonical 44-byte RIFF/WAVE header for PCM: "RIFF" size "WAVE", a 16-byte "fmt " chunk, then the "data"
 * chunk header. Sizes are little-endian 32-bit, which caps a file at 4 GiB (37 hours of a stereo call).
 */
public final class WavHeader {
  public static final int LENGTH = 44;
  /** Offset of the RIFF chunk size (file length - 8). */
  public static final int RIFF_SIZE_OFFSET = 4;
  /** Offset of the data chunk size. */
  public static final int DATA_SIZE_OFFSET = 40;
  /** Largest data size the 32-bit RIFF size can describe. */
  public static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - (LENGTH - 8);

  private static final int WAVE_FORMAT_PCM = 1;

  private WavHeader() {}

  /** A header for {@code dataBytes} of audio in {@code format}, ready to write (position 0, limit 44). */
  public static ByteBuffer pcm(WavFormat format, long dataBytes) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'R').put((byte) 'I').put((byte) 'F').put((byte) 'F');
    b.putInt((int) (LENGTH - 8 + dataBytes));
    b.put((byte) 'W').put((byte) 'A').put((byte) 'V').put((byte) 'E');
    b.put((byte) 'f').put((byte) 'm').put((byte) 't').put((byte) ' ');
    b.putInt(16);
    b.putShort((short) WAVE_FORMAT_PCM);
    b.putShort((short) format.channels());
    b.putInt(format.sampleRate());
    b.putInt(format.byteRate());
    b.putShort((short) format.blockAlign());
    b.putShort((short) format.bitsPerSample());
    b.put((byte) 'd').put((byte) 'a').put((byte) 't').put((byte) 'a');
    b.putInt((int) dataBytes);
    return b.flip();
  }

  /** A 4-byte little-endian size, for patching a header in place. */
  static ByteBuffer size(long value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) value);
  }
}
