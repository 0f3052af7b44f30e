package dev.voiceengine.bench.load;

import dev.voiceengine.media.codec.MuLaw;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What every load caller says, as the headerless μ-law file sipp streams at 20 ms: a lead of silence while the
 * agent greets, one spoken request (espeak-ng, trimmed by sox), then silence while the agent answers; sipp loops it
 * for the length of the call, so each call holds one exchange every cycle.
 */
final class CallerAudio {
  static final String REQUEST = "Hello, I would like to book an appointment for Friday.";
  private static final int RATE = 8000;

  private CallerAudio() {}

  /**
   * Writes the cycle to {@code file}.
   *
   * @return the cycle's length in milliseconds
   */
  static long write(Path file, double leadSeconds, double tailSeconds) throws IOException, InterruptedException {
    short[] speech = speech(file.resolveSibling("request.raw"));
    int lead = (int) (leadSeconds * RATE);
    int tail = (int) (tailSeconds * RATE);
    byte[] ulaw = new byte[lead + speech.length + tail];
    byte silence = MuLaw.encode((short) 0);
    java.util.Arrays.fill(ulaw, silence);
    for (int i = 0; i < speech.length; i++) {
      ulaw[lead + i] = MuLaw.encode(speech[i]);
    }
    Files.write(file, ulaw);
    return ulaw.length * 1000L / RATE;
  }

  private static short[] speech(Path raw) throws IOException, InterruptedException {
    Path wav = raw.resolveSibling("request.wav");
    run("espeak-ng", "-w", wav.toString(), REQUEST);
    run("sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-L", "-t", "raw",
        raw.toString(), "silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse");
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    short[] pcm = new short[b.remaining() / 2];
    b.asShortBuffer().get(pcm);
    return pcm;
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (apt-get install espeak-ng sox): " + out);
    }
  }
}
