package dev.voiceengine.conversation.vad;

import dev.voiceengine.testsupport.audio.SpokenAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Speech with known speech segments, made at test time: espeak-ng utterances resampled to 8 kHz and trimmed to their
 * voiced extent by sox (leading and trailing audio under -40 dBFS removed), then laid out with known silence gaps, so
 * the truth is the layout itself.
 */
final class VadTestSet {
  static final int RATE = 8000;
  static final String[] UTTERANCES = {
    "Hello, I would like to book an appointment for Friday.",
    "Yes.",
    "Can you call me back tomorrow morning?",
    "My number is seven four two nine.",
  };
  static final int LEAD_MS = 1000;
  static final int GAP_MS = 1500;

  /** A speech segment, in samples: {@code [start, end)}. */
  record Segment(int start, int end) {}

  final short[] pcm;
  final List<Segment> speech;

  private VadTestSet(short[] pcm, List<Segment> speech) {
    this.pcm = pcm;
    this.speech = speech;
  }

  /** The utterances with {@link #LEAD_MS} of silence before the first and {@link #GAP_MS} after each. */
  static VadTestSet speech() {
    List<short[]> parts = new ArrayList<>();
    for (String utterance : UTTERANCES) {
      parts.add(SpokenAudio.say(utterance));
    }
    int lead = RATE * LEAD_MS / 1000;
    int gap = RATE * GAP_MS / 1000;
    int total = lead;
    for (short[] p : parts) {
      total += p.length + gap;
    }
    short[] pcm = new short[total];
    List<Segment> speech = new ArrayList<>();
    int at = lead;
    for (short[] p : parts) {
      System.arraycopy(p, 0, pcm, at, p.length);
      speech.add(new Segment(at, at + p.length));
      at += p.length + gap;
    }
    return new VadTestSet(pcm, List.copyOf(speech));
  }

  /** Digital silence. */
  static VadTestSet silence(int seconds) {
    return new VadTestSet(new short[RATE * seconds], List.of());
  }

  /** The same audio with seeded white noise of the given RMS level (dBFS) added. */
  VadTestSet withNoise(double dbfs, long seed) {
    double sigma = 32768 * Math.pow(10, dbfs / 20);
    Random random = new Random(seed);
    short[] noisy = new short[pcm.length];
    for (int i = 0; i < pcm.length; i++) {
      long v = Math.round(pcm[i] + random.nextGaussian() * sigma);
      noisy[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
    }
    return new VadTestSet(noisy, speech);
  }
}
