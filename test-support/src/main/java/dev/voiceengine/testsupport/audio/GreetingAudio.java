package dev.voiceengine.testsupport.audio;

import dev.voiceengine.testsupport.process.Processes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Makes (or reads back from the cache) the audio of one {@link GreetingSpecs.Spec}: espeak-ng speech, sox beeps. */
final class GreetingAudio {
  private static final int RATE = 8000;
  private static final int HEADER = 44;
  private static final Duration TOOL_LIMIT = Duration.ofSeconds(60);
  private static final double BEEP_DBFS = -10;

  private GreetingAudio() {}

  static GreetingSet.Clip clip(GreetingSpecs.Spec s, Path where) throws IOException, InterruptedException {
    Path cache = where.toAbsolutePath();
    Files.createDirectories(cache);
    String key = s.name() + "-" + Integer.toHexString(s.toString().hashCode());
    Path wav = cache.resolve(key + ".wav");
    Path beepFile = cache.resolve(key + ".beep");
    if (Files.exists(wav) && Files.exists(beepFile)) {
      long beepAt = Long.parseLong(Files.readString(beepFile).trim());
      return new GreetingSet.Clip(s.name(), s.label(), s.kind(), readWav(wav), beepAt);
    }
    List<short[]> pieces = new ArrayList<>();
    pieces.add(new short[s.leadMs() * RATE / 1000]);
    for (int i = 0; i < s.parts().size(); i++) {
      if (i > 0) {
        pieces.add(new short[s.gapMs() * RATE / 1000]);
      }
      pieces.add(speak(s.parts().get(i), s.voice(), s.speed(), cache));
    }
    long beepAt = -1;
    if (s.beepHz() > 0) {
      pieces.add(new short[(s.parts().isEmpty() ? 0 : s.beepGapMs()) * RATE / 1000]);
      beepAt = pieces.stream().mapToLong(p -> p.length).sum();
      pieces.add(tone(s.beepHz(), s.beepMs(), BEEP_DBFS));
    }
    pieces.add(new short[s.tailMs() * RATE / 1000]);
    short[] pcm = concat(pieces);
    if (!Double.isNaN(s.noiseDbfs())) {
      pcm = GreetingSet.withNoise(pcm, s.noiseDbfs(), s.name().hashCode());
    }
    writeWav(pcm, wav);
    Files.writeString(beepFile, Long.toString(beepAt));
    return new GreetingSet.Clip(s.name(), s.label(), s.kind(), pcm, beepAt);
  }

  static short[] tone(int hz, int ms, double dbfs) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("tone");
    try {
      Path raw = dir.resolve("tone.raw");
      Processes.require(dir, TOOL_LIMIT, List.of("sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e",
          "signed-integer", "-L", "-t", "raw", raw.toString(), "synth", String.valueOf(ms / 1000.0), "sine",
          String.valueOf(hz), "gain", "-n", String.valueOf(dbfs)));
      return readRaw(raw);
    } finally {
      deleteAll(dir);
    }
  }

  private static short[] speak(String text, String voice, int speed, Path cache)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(cache, "speak");
    try {
      Path wav = dir.resolve("say.wav");
      Path raw = dir.resolve("say.raw");
      Processes.require(dir, TOOL_LIMIT, List.of("espeak-ng", "-v", voice, "-s", String.valueOf(speed), "-w",
          wav.toString(), text));
      Processes.require(dir, TOOL_LIMIT, List.of("sox", wav.toString(), "-r", "8000", "-c", "1", "-b", "16",
          "-e", "signed-integer", "-L", "-t", "raw", raw.toString(), "silence", "1", "0.01", "1%", "reverse",
          "silence", "1", "0.01", "1%", "reverse", "gain", "-n", "-4"));
      return readRaw(raw);
    } finally {
      deleteAll(dir);
    }
  }

  private static short[] concat(List<short[]> pieces) {
    short[] out = new short[pieces.stream().mapToInt(p -> p.length).sum()];
    int at = 0;
    for (short[] p : pieces) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  private static short[] readRaw(Path raw) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(raw)).order(ByteOrder.LITTLE_ENDIAN);
    short[] pcm = new short[bytes.remaining() / 2];
    bytes.asShortBuffer().get(pcm);
    return pcm;
  }

  private static short[] readWav(Path wav) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
    bytes.position(HEADER);
    short[] pcm = new short[bytes.remaining() / 2];
    bytes.asShortBuffer().get(pcm);
    return pcm;
  }

  /** A canonical 44-byte-header WAV, 8 kHz mono PCM16. */
  static void writeWav(short[] pcm, Path wav) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(HEADER + pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + pcm.length * 2)
        .put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(RATE).putInt(RATE * 2).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(pcm.length * 2);
    for (short s : pcm) {
      b.putShort(s);
    }
    Path tmp = wav.resolveSibling(wav.getFileName() + ".tmp");
    Files.write(tmp, b.array());
    Files.move(tmp, wav, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void deleteAll(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    }
    Files.deleteIfExists(dir);
  }
}
