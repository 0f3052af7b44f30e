package dev.voiceengine.testsupport.audio;

import dev.voiceengine.testsupport.process.Processes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Speech made by espeak-ng (American English voice) and converted by sox, as the files a phone peer plays: a WAV
 * for baresip's microphone, headerless μ-law for sipp's {@code rtp_stream}.
 */
public final class SpeechFiles {
  private static final Duration TOOL_LIMIT = Duration.ofSeconds(30);

  private SpeechFiles() {}

  /** Headerless 8 kHz μ-law of {@code text}, followed by {@code padSeconds} of silence, as {@code dir/speech.ulaw}. */
  public static Path ulaw(Path dir, String text, double padSeconds) throws IOException, InterruptedException {
    Path wav = wav8k(dir, text, padSeconds);
    Path out = dir.resolve("speech.ulaw");
    Processes.require(dir, TOOL_LIMIT, List.of("sox", wav.toString(), "-t", "ul", out.toString()));
    return out;
  }

  /**
   * 8 kHz mono 16-bit WAV of {@code text} with 0.5 s of silence before it and {@code padSeconds} after, as
   * {@code dir/speech.wav}.
   */
  public static Path wav8k(Path dir, String text, double padSeconds) throws IOException, InterruptedException {
    Path raw = dir.resolve("speech-22k.wav");
    Path out = dir.resolve("speech.wav");
    Processes.require(dir, TOOL_LIMIT, List.of("espeak-ng", "-v", "en-us", "-w", raw.toString(), text));
    Processes.require(dir, TOOL_LIMIT, List.of("sox", raw.toString(), "-r", "8000", "-c", "1",
        "-b", "16", "-e", "signed-integer", out.toString(), "pad", "0.5", String.valueOf(padSeconds)));
    return out;
  }

  /**
   * 8 kHz speech of {@code text} with {@code lead} more seconds of silence before it and {@code tail} after, as
   * {@code dir/caller.wav}.
   */
  public static Path padded(Path dir, String text, double lead, double tail)
      throws IOException, InterruptedException {
    Path speech = wav8k(dir, text, 0);
    Path out = dir.resolve("caller.wav");
    Processes.require(dir, TOOL_LIMIT,
        List.of("sox", speech.toString(), out.toString(), "pad", String.valueOf(lead), String.valueOf(tail)));
    return out;
  }
}
