package dev.voiceengine.testsupport.audio;

import dev.voiceengine.testsupport.process.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Speech made at run time by real tools, as samples: espeak-ng speaks the text and sox converts it to mono PCM16.
 * A real voice exercises VAD, turn-taking and recognition as recorded speech would, without shipping recordings.
 */
public final class SpokenAudio {
  /** The telephone rate of {@link #say}. */
  public static final int RATE = 8000;
  private static final Duration TOOL_LIMIT = Duration.ofSeconds(60);

  private SpokenAudio() {}

  /**
   * {@code text} spoken, 8 kHz mono, trimmed by sox to its voiced extent (leading and trailing audio under -40 dBFS
   * removed), so that the first sample is the speech onset.
   */
  public static short[] say(String text) {
    short[] pcm = speak(text, RATE, "silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse");
    if (pcm.length < RATE / 10) {
      throw new IllegalStateException("espeak-ng/sox produced only " + pcm.length + " samples for '" + text + "'");
    }
    return pcm;
  }

  /** {@code text} spoken by espeak-ng as it speaks it (silence around the words included), mono PCM16 at {@code rate}. */
  public static short[] sayAt(String text, int rate) {
    return speak(text, rate);
  }

  /** {@code ms} of silence, then {@code audio}, then {@code afterMs} of silence (8 kHz). */
  public static short[] padded(int ms, short[] audio, int afterMs) {
    short[] out = new short[(ms + afterMs) * RATE / 1000 + audio.length];
    System.arraycopy(audio, 0, out, ms * RATE / 1000, audio.length);
    return out;
  }

  /** The first {@code ms} of {@code audio} (8 kHz). */
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

  /** Root mean square of all of {@code pcm}. */
  public static double rms(short[] pcm) {
    return rms(pcm, 0, pcm.length);
  }

  private static short[] speak(String text, int rate, String... soxEffects) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("spoken");
      Path wav = dir.resolve("say.wav");
      Path raw = dir.resolve("say.raw");
      Processes.require(dir, TOOL_LIMIT, List.of("espeak-ng", "-w", wav.toString(), text));
      List<String> sox = new ArrayList<>(List.of("sox", wav.toString(), "-r", Integer.toString(rate), "-c", "1",
          "-b", "16", "-e", "signed-integer", "-L", "-t", "raw", raw.toString()));
      sox.addAll(List.of(soxEffects));
      Processes.require(dir, TOOL_LIMIT, sox);
      ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
      short[] pcm = new short[bytes.remaining() / 2];
      bytes.asShortBuffer().get(pcm);
      return pcm;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make test speech", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while making test speech", e);
    } finally {
      deleteAll(dir);
    }
  }

  private static void deleteAll(Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
