package dev.voiceengine.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Writes a PCM WAV file that is valid at every moment: after each append, the RIFF and data sizes in the header
 * are patched with positional writes. A process killed mid-call (even with SIGKILL) leaves a file that players and
 * {@code sox} read up to the last append.
 *
 * <p>Blocking I/O: use it off the event loops, from one thread at a time.
 */
public final class WavWriter implements PcmOutput {
  /** Zeros shared by all writers (never written to): silence costs no allocation per gap beyond a view. */
  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024).asReadOnlyBuffer();

  private final Path path;
  private final WavFormat format;
  private final FileChannel channel;
  private long dataBytes;
  private boolean full;

  private WavWriter(Path path, WavFormat format, FileChannel channel) {
    this.path = path;
    this.format = format;
    this.channel = channel;
  }

  /** Creates (owner-only) or truncates {@code path} and writes a header for an empty data chunk. */
  public static WavWriter create(Path path, WavFormat format) throws IOException {
    FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING), OwnerOnly.file(path.toAbsolutePath().getParent()));
    try {
      writeFully(channel, WavHeader.pcm(format, 0), 0);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    return new WavWriter(path, format, channel);
  }

  /**
   * Appends the remaining bytes of {@code pcm} (little-endian, interleaved, whole frames) and patches the header.
   * Audio past the 4 GiB limit of the format is dropped; returns false then.
   */
  @Override
  public boolean append(ByteBuffer pcm) throws IOException {
    int length = pcm.remaining();
    if (full || dataBytes + length > WavHeader.MAX_DATA_BYTES) {
      full = true;
      return false;
    }
    writeFully(channel, pcm, WavHeader.LENGTH + dataBytes);
    dataBytes += length;
    patchSizes();
    return true;
  }

  /**
   * Appends {@code bytes} (whole frames) of silence and patches the header once; how lost audio keeps its place on
   * the recording's timeline. Past the 4 GiB limit nothing is written; returns false then.
   */
  @Override
  public boolean appendSilence(long bytes) throws IOException {
    if (bytes <= 0) {
      return !full;
    }
    if (full || dataBytes + bytes > WavHeader.MAX_DATA_BYTES) {
      full = true;
      return false;
    }
    long position = WavHeader.LENGTH + dataBytes;
    long left = bytes;
    while (left > 0) {
      ByteBuffer zeros = ZEROS.duplicate();
      zeros.limit((int) Math.min(left, zeros.capacity()));
      int n = zeros.remaining();
      writeFully(channel, zeros, position);
      position += n;
      left -= n;
    }
    dataBytes += bytes;
    patchSizes();
    return true;
  }

  /** Bytes of audio written so far. */
  @Override
  public long dataBytes() {
    return dataBytes;
  }

  /** Seconds of audio written so far. */
  public double seconds() {
    return (double) dataBytes / format.byteRate();
  }

  public Path path() {
    return path;
  }

  public WavFormat format() {
    return format;
  }

  /** Patches the header, optionally forces the file to disk, and closes it. */
  public void close(boolean fsync) throws IOException {
    try {
      patchSizes();
      if (fsync) {
        channel.force(true);
      }
    } finally {
      channel.close();
    }
  }

  @Override
  public void close() throws IOException {
    close(false);
  }

  private void patchSizes() throws IOException {
    writeFully(channel, WavHeader.size(WavHeader.LENGTH - 8 + dataBytes), WavHeader.RIFF_SIZE_OFFSET);
    writeFully(channel, WavHeader.size(dataBytes), WavHeader.DATA_SIZE_OFFSET);
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long p = position;
    while (buffer.hasRemaining()) {
      p += channel.write(buffer, p);
    }
  }
}
