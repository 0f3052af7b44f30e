package dev.voiceengine.providers.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test speech from real tools: espeak-ng speaks, sox converts to headerless PCM16 at the wanted rate. */
public final class TestSpeech {
  private TestSpeech() {}

  /** {@code text} spoken by espeak-ng, as mono PCM16 at {@code rate}. */
  public static short[] espeak(String text, int rate) {
    try {
      Path dir = Files.createTempDirectory("speech");
      Path wav = dir.resolve("speech.wav");
      Path raw = dir.resolve("speech.raw");
      run(List.of("espeak-ng", "-w", wav.toString(), text), "espeak-ng");
      run(List.of("sox", wav.toString(), "-r", Integer.toString(rate), "-c", "1", "-b", "16", "-e", "signed-integer",
          "-t", "raw", raw.toString()), "sox");
      byte[] bytes = Files.readAllBytes(raw);
      short[] pcm = new short[bytes.length / 2];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
      Files.delete(wav);
      Files.delete(raw);
      Files.delete(dir);
      return pcm;
    } catch (IOException e) {
      throw new IllegalStateException("cannot make test speech (install with: apt-get install espeak-ng sox)", e);
    }
  }

  /** Root mean square of the samples. */
  public static double rms(short[] pcm) {
    double sum = 0;
    for (short s : pcm) {
      sum += (double) s * s;
    }
    return pcm.length == 0 ? 0 : Math.sqrt(sum / pcm.length);
  }

  private static void run(List<String> command, String tool) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new IllegalStateException(tool + " is missing: apt-get install espeak-ng sox libsox-fmt-all", e);
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(tool + " failed: " + command);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
