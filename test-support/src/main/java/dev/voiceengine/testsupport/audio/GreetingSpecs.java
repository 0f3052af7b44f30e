package dev.voiceengine.testsupport.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The recipe of one half of {@link GreetingSet}: each phrase is spoken in a few voice/speed/noise/beep variants
 * chosen round-robin (so every voice, speed and beep frequency appears, without the full product's size).
 */
final class GreetingSpecs {
  /** One clip to make: silence, the spoken parts with gaps, an optional beep, silence; then optional noise. */
  record Spec(String name, GreetingSet.Label label, String kind, String voice, int speed, List<String> parts,
      int leadMs, int gapMs, int beepHz, int beepMs, int beepGapMs, double noiseDbfs, int tailMs) {}

  private static final int VARIANTS = 3;
  private static final double NOISE_DBFS = -42;
  private final String prefix;
  private final List<String> voices;
  private final int[] speeds;
  private final int[] beeps;
  private final List<Spec> specs = new ArrayList<>();
  private int turn;

  GreetingSpecs(String prefix, List<String> voices, int[] speeds, int[] beeps) {
    this.prefix = prefix;
    this.voices = voices;
    this.speeds = speeds;
    this.beeps = beeps;
  }

  /** People who say a phrase once and wait. */
  void people(String kind, String... phrases) {
    for (String p : phrases) {
      for (int v = 0; v < VARIANTS; v++) {
        add(GreetingSet.Label.HUMAN, kind, List.of(p), 200 + 250 * v, 0, false, 3000);
      }
    }
  }

  /** A person who says hello, waits, and says it again. */
  void repeated(String first, String second) {
    for (int v = 0; v < VARIANTS; v++) {
      add(GreetingSet.Label.HUMAN, "repeated_hellos", List.of(first, second), 300 + 200 * v, 1000 + 300 * v, false,
          3000);
    }
  }

  /** Machine greetings, with a beep after them in two of three variants. */
  void machines(String kind, String... phrases) {
    for (String p : phrases) {
      for (int v = 0; v < VARIANTS; v++) {
        add(GreetingSet.Label.MACHINE, kind, List.of(p), 300 + 200 * v, 0, v != 1, 2500);
      }
    }
  }

  /** Very short machine greetings, always followed by a beep. */
  void twoWords(String... phrases) {
    for (String p : phrases) {
      for (int v = 0; v < VARIANTS; v++) {
        add(GreetingSet.Label.MACHINE, "two_word_machine", List.of(p), 300 + 150 * v, 0, true, 2500);
      }
    }
  }

  /** Boxes that answer with silence and a beep. */
  void beepOnly(int count) {
    for (int v = 0; v < count; v++) {
      add(GreetingSet.Label.MACHINE, "beep_only", List.of(), 400 + 500 * v, 0, true, 2500);
    }
  }

  private void add(GreetingSet.Label label, String kind, List<String> parts, int leadMs, int gapMs, boolean beep,
      int tailMs) {
    int i = turn++;
    String voice = voices.get(i % voices.size());
    int speed = speeds[i % speeds.length];
    int beepHz = beep ? beeps[i % beeps.length] : 0;
    int beepMs = 200 + (i * 137) % 700; // 200..899 ms
    int beepGapMs = 250 + (i * 71) % 500;
    double noise = i % 2 == 0 ? Double.NaN : NOISE_DBFS;
    String name = String.format("%s%03d-%s-%s", prefix, i, kind, label.name().toLowerCase(java.util.Locale.ROOT));
    specs.add(new Spec(name, label, kind, voice, speed, parts, leadMs, gapMs, beepHz, beepMs, beepGapMs, noise,
        tailMs));
  }

  List<GreetingSet.Clip> build(Path cache) throws IOException, InterruptedException {
    List<GreetingSet.Clip> clips = new ArrayList<>();
    for (Spec s : specs) {
      clips.add(GreetingAudio.clip(s, cache));
    }
    return clips;
  }
}
