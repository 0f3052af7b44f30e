package dev.voiceengine.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Speech made at test time by real tools: espeak-ng speaks the text, sox resamples it to 8 kHz mono PCM16 and trims
 * leading and trailing audio under -40 dBFS, so the first sample is the speech onset.
 */
public final class SpokenAudio {
  public static final int RATE = 8000;

  private SpokenAudio() {}

  /** {@code text} spoken, 8 kHz mono, trimmed to its voiced extent. */
  public static short[] say(String text) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("spoken");
    Path wav = dir.resolve("say.wav");
    Path raw = dir.resolve("say.raw");
    try {
      run("espeak-ng", "-w", wav.toString(), text);
      run("sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-L", "-t", "raw",
          raw.toString(), "silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse");
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
      short[] pcm = new short[bytes.remaining() / 2];
      bytes.asShortBuffer().get(pcm);
      if (pcm.length < RATE / 10) {
        throw new IllegalStateException("espeak-ng/sox produced only " + pcm.length + " samples for '" + text + "'");
      }
      return pcm;
    } finally {
      Files.deleteIfExists(wav);
      Files.deleteIfExists(raw);
      Files.deleteIfExists(dir);
    }
  }

  /** {@code ms} of silence, then {@code audio}, then {@code afterMs} of silence. */
  public static short[] padded(int ms, short[] audio, int afterMs) {
    short[] out = new short[(ms + afterMs) * RATE / 1000 + audio.length];
    System.arraycopy(audio, 0, out, ms * RATE / 1000, audio.length);
    return out;
  }

  /** The first {@code ms} of {@code audio}. */
  public static short[] first(short[] audio, int ms) {
    return Arrays.copyOf(audio, Math.min(audio.length, ms * RATE / 1000));
  }

  /** Root mean square of {@code pcm[from, from + n)}. */
  public static double rms(short[] pcm, int from, int n) {
    double sum = 0;
    int end = Math.min(pcm.length, from + n);
    for (int i = from; i < end; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return end <= from ? 0 : Math.sqrt(sum / (end - from));
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException(
          command[0] + " is needed to make the caller's speech: apt-get install -y espeak-ng sox", e);
    }
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
    }
  }
}
