package dev.voiceengine.bench;

import dev.voiceengine.testsupport.audio.SpokenAudio;
import java.util.ArrayList;
import java.util.List;

/** 8 kHz speech for the VAD benchmarks: espeak-ng utterances trimmed by sox, 1 s lead and 1.5 s gaps (~14 s). */
final class VadSpeech {
  private static final String[] UTTERANCES = {
    "Hello, I would like to book an appointment for Friday.",
    "Yes.",
    "Can you call me back tomorrow morning?",
    "My number is seven four two nine.",
  };

  private VadSpeech() {}

  static short[] make() {
    List<short[]> parts = new ArrayList<>();
    for (String text : UTTERANCES) {
      parts.add(SpokenAudio.say(text));
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
}
