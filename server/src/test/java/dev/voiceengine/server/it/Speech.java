package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Test speech made by espeak-ng and converted by sox, as a caller's phone would send it. */
final class Speech {
  private Speech() {}

  /** Headerless 8 kHz μ-law of {@code text}, followed by {@code padSeconds} of silence (sipp's rtp_stream input). */
  static Path ulaw(Path dir, String text, double padSeconds) throws IOException, InterruptedException {
    Path wav = wav8k(dir, text, padSeconds);
    Path out = dir.resolve("speech.ulaw");
    check(Processes.run(dir, Duration.ofSeconds(30), List.of("sox", wav.toString(), "-t", "ul", out.toString())));
    return out;
  }

  /** 8 kHz mono 16-bit WAV of {@code text}, padded with silence. */
  static Path wav8k(Path dir, String text, double padSeconds) throws IOException, InterruptedException {
    Path raw = dir.resolve("speech-22k.wav");
    Path out = dir.resolve("speech.wav");
    check(Processes.run(dir, Duration.ofSeconds(30),
        List.of("espeak-ng", "-v", "en-us", "-w", raw.toString(), text)));
    check(Processes.run(dir, Duration.ofSeconds(30), List.of("sox", raw.toString(), "-r", "8000", "-c", "1",
        "-b", "16", "-e", "signed-integer", out.toString(), "pad", "0.5", String.valueOf(padSeconds))));
    return out;
  }

  /** 8 kHz speech of {@code text} with {@code lead} seconds of silence before and {@code tail} after. */
  static Path padded(Path dir, String text, double lead, double tail) throws IOException, InterruptedException {
    Path speech = wav8k(dir, text, 0);
    Path out = dir.resolve("caller.wav");
    check(Processes.run(dir, Duration.ofSeconds(30),
        List.of("sox", speech.toString(), out.toString(), "pad", String.valueOf(lead), String.valueOf(tail))));
    return out;
  }

  private static void check(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
