package dev.voiceengine.testsupport.audio;

import dev.voiceengine.testsupport.process.Processes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Asks sox, an independent reader, what a WAV file holds: a recording is checked by a reader that is not ours. */
public final class Sox {
  private static final Duration TOOL_LIMIT = Duration.ofSeconds(30);

  private Sox() {}

  /** Channels, rate and duration as {@code sox --i} reports them. */
  public record Info(int channels, int rate, double seconds) {}

  public static Info info(Path wav) throws IOException, InterruptedException {
    return new Info((int) Double.parseDouble(soxi(wav, "-c")), (int) Double.parseDouble(soxi(wav, "-r")),
        Double.parseDouble(soxi(wav, "-D")));
  }

  private static String soxi(Path wav, String flag) throws IOException, InterruptedException {
    return Processes.require(wav.getParent(), TOOL_LIMIT, List.of("sox", "--i", flag, wav.toString())).trim();
  }

  /**
   * One channel (1-based) of a WAV as 8 kHz mono 16-bit samples, converted by sox so that any rate or format it
   * reads works.
   */
  public static short[] channel(Path wav, int channel) throws IOException, InterruptedException {
    Path raw = Files.createTempFile(wav.getParent(), "ch" + channel, ".raw");
    Processes.require(wav.getParent(), TOOL_LIMIT, List.of("sox", wav.toString(), "-t", "raw", "-r", "8000",
        "-e", "signed-integer", "-b", "16", "-c", "1", "--endian", "little", raw.toString(),
        "remix", String.valueOf(channel)));
    byte[] bytes = Files.readAllBytes(raw);
    short[] samples = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return samples;
  }

  /** When the first 20 ms frame (at 8 kHz) whose RMS exceeds {@code threshold} starts, in seconds; -1 if none does. */
  public static double firstActiveSecond(short[] samples, double threshold) {
    for (int i = 0; i + 160 <= samples.length; i += 160) {
      double sum = 0;
      for (int j = i; j < i + 160; j++) {
        sum += (double) samples[j] * samples[j];
      }
      if (Math.sqrt(sum / 160) > threshold) {
        return i / 8000.0;
      }
    }
    return -1;
  }

  /** Seconds of 20 ms frames whose RMS exceeds {@code threshold} (a crude, independent speech-energy measure). */
  public static double activeSeconds(short[] samples, double threshold) {
    int frames = 0;
    for (int i = 0; i + 160 <= samples.length; i += 160) {
      if (SpokenAudio.rms(samples, i, 160) > threshold) {
        frames++;
      }
    }
    return frames * 0.02;
  }
}
