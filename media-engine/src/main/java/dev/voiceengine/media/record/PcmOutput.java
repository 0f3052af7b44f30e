package dev.voiceengine.media.record;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Where a recorder's audio goes: a {@link WavWriter} in production, a stand-in that fails on demand in tests (a full
 * disk cannot be had portably). Used from one thread at a time.
 */
public interface PcmOutput extends Closeable {
  /** Opens (creates or truncates) the output for one call. */
  @FunctionalInterface
  interface Opener {
    PcmOutput open(Path file) throws IOException;
  }

  /** Appends the remaining bytes of {@code pcm}; false when the format's size limit is reached. */
  boolean append(ByteBuffer pcm) throws IOException;

  /** Appends {@code bytes} of digital silence; false when the format's size limit is reached. */
  boolean appendSilence(long bytes) throws IOException;

  /** Bytes of audio in the output so far. */
  long dataBytes();
}
