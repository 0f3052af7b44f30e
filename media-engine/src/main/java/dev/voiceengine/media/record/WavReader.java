package dev.voiceengine.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads RIFF/WAVE files: walks the chunks in any order (skipping LIST, fact, cue and anything else, honouring the
 * pad byte after odd-sized chunks), takes the "fmt " and "data" chunks, and tolerates a data size that runs past
 * the end of the file (files written to a pipe, or cut short), reading what is there.
 *
 * <p>Errors are {@link IOException}s that name the file and say what was wrong.
 */
public final class WavReader {
  /** WAVE_FORMAT_PCM. */
  public static final int FORMAT_PCM = 1;
  /** WAVE_FORMAT_EXTENSIBLE; its sub-format GUID starts with the real format tag. */
  public static final int FORMAT_EXTENSIBLE = 0xFFFE;

  private WavReader() {}

  /**
   * A parsed file.
   *
   * @param formatTag the format tag (1 for PCM; an extensible file reports its sub-format's tag)
   * @param format    channels, rate and sample size from the fmt chunk
   * @param data      the audio bytes as stored
   */
  public record WavData(int formatTag, WavFormat format, byte[] data) {
    public boolean isPcm16() {
      return formatTag == FORMAT_PCM && format.bitsPerSample() == 16;
    }

    /** The samples, interleaved, for 16-bit PCM. */
    public short[] samples() {
      if (!isPcm16()) {
        throw new IllegalStateException("not 16-bit PCM: " + describe());
      }
      short[] samples = new short[data.length / 2];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
      return samples;
    }

    /** Frames (samples per channel). */
    public long frames() {
      return data.length / Math.max(1, format.blockAlign());
    }

    public String describe() {
      return (formatTag == FORMAT_PCM ? "PCM " : "format tag " + formatTag + " ") + format;
    }
  }

  public static WavData read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  /** Parses a whole file held in memory; {@code name} is used in error messages. */
  public static WavData parse(byte[] bytes, String name) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || !fourcc(b, 0, "RIFF") || !fourcc(b, 8, "WAVE")) {
      throw new IOException(name + ": not a WAV file (no RIFF/WAVE header)");
    }
    int formatTag = -1;
    WavFormat format = null;
    int dataOffset = -1;
    int dataLength = 0;
    int p = 12;
    while (p + 8 <= bytes.length) {
      long size = b.getInt(p + 4) & 0xFFFF_FFFFL;
      int body = p + 8;
      if (fourcc(b, p, "fmt ")) {
        if (size < 16 || body + 16 > bytes.length) {
          throw new IOException(name + ": fmt chunk too short (" + size + " bytes)");
        }
        formatTag = b.getShort(body) & 0xFFFF;
        format = new WavFormat(b.getShort(body + 2) & 0xFFFF, b.getInt(body + 4), b.getShort(body + 14) & 0xFFFF);
        if (formatTag == FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= bytes.length) {
          formatTag = b.getShort(body + 24) & 0xFFFF;
        }
      } else if (fourcc(b, p, "data")) {
        dataOffset = body;
        dataLength = (int) Math.min(size, bytes.length - body);
      }
      long next = body + size + (size & 1);
      if (next > bytes.length) {
        break;
      }
      p = (int) next;
    }
    if (format == null) {
      throw new IOException(name + ": no fmt chunk");
    }
    if (dataOffset < 0) {
      throw new IOException(name + ": no data chunk");
    }
    int block = Math.max(1, format.blockAlign());
    int whole = dataLength - dataLength % block;
    byte[] data = new byte[whole];
    System.arraycopy(bytes, dataOffset, data, 0, whole);
    return new WavData(formatTag, format, data);
  }

  private static boolean fourcc(ByteBuffer b, int at, String id) {
    for (int i = 0; i < 4; i++) {
      if (b.get(at + i) != id.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
