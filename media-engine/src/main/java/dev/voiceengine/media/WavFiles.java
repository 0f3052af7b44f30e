package dev.voiceengine.media;

import dev.voiceengine.media.record.WavFormat;
import dev.voiceengine.media.record.WavReader;
import java.io.IOException;
import java.nio.file.Path;

/** Loads audio the engine plays (greetings, prompts) from WAV files, with errors that say how to fix the file. */
public final class WavFiles {
  private WavFiles() {}

  /**
   * Reads a PCM 16-bit mono 8 kHz WAV (chunks in any order; LIST and other chunks skipped). Anything else is an
   * {@link IOException} whose message names the file, what it found and what was expected.
   */
  public static short[] readMono8k(Path wav) throws IOException {
    WavReader.WavData data = WavReader.read(wav);
    if (!data.isPcm16() || !data.format().equals(WavFormat.MONO_8K)) {
      throw new IOException(wav + ": found " + data.describe() + ", expected PCM " + WavFormat.MONO_8K
          + " (convert with: sox in.wav -r 8000 -c 1 -b 16 -e signed-integer out.wav)");
    }
    return data.samples();
  }
}
