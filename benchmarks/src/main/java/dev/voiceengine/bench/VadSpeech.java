package dev.voiceengine.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** 8 kHz speech for the VAD benchmarks: espeak-ng utterances trimmed by sox, 1 s lead and 1.5 s gaps (~14 s). */
public final class VadSpeech {
  private static final String[] UTTERANCES = {
    "Hello, I would like to book an appointment for Friday.",
    "Yes.",
    "Can you call me back tomorrow morning?",
    "My number is seven four two nine.",
  };

  private VadSpeech() {}

  static short[] make() throws IOException, InterruptedException {
    List<short[]> parts = new ArrayList<>();
    for (String text : UTTERANCES) {
      parts.add(utterance(text));
    }
    int gap = 12000;
    int total = 8000 + parts.stream().mapToInt(p -> p.length + gap).sum();
    short[] out = new short[total];
    int at = 8000;
    for (short[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length + gap;
    }
    return out;
  }

  /** One utterance, 8 kHz, trimmed to its voiced extent (-40 dBFS). */
  public static short[] utterance(String text) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("utterance");
    Path wav = dir.resolve("u.wav");
    Path raw = dir.resolve("u.raw");
    run("espeak-ng", "-w", wav.toString(), text);
    run("sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", "-L", "-t", "raw",
        raw.toString(), "silence", "1", "0.01", "1%", "reverse", "silence", "1", "0.01", "1%", "reverse");
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    short[] pcm = new short[b.remaining() / 2];
    b.asShortBuffer().get(pcm);
    Files.delete(wav);
    Files.delete(raw);
    Files.delete(dir);
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
