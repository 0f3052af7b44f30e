package dev.voiceengine.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.testsupport.audio.SpokenAudio;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Tones in the audio found as keys within the ITU-T Q.24 tolerances, and nothing else taken for one. */
class InbandDtmfDetectorTest {
  private static final String KEYS = "123A456B789C*0#D";
  private static final double[] LOW = {697, 770, 852, 941};
  private static final double[] HIGH = {1209, 1336, 1477, 1633};
  /** Linear amplitude of a -10 dBm0 sine (G.711 full scale is +3.17 dBm0). */
  private static final double MINUS_10_DBM0 = 32768 * Math.pow(10, -13.17 / 20);

  private final List<KeyPress> presses = new ArrayList<>();
  private final InbandDtmfDetector detector = new InbandDtmfDetector(presses::add);
  private long sample;

  @Test
  void everyKeyIsFoundOnceWithItsTiming() {
    silence(100);
    for (char key : KEYS.toCharArray()) {
      tone(key, 100, 1.0, 0, 0, 0);
      silence(100);
    }
    assertThat(digits()).isEqualTo(KEYS);
    for (int i = 0; i < presses.size(); i++) {
      KeyPress p = presses.get(i);
      assertThat(p.durationMs()).isEqualTo(100);
      assertThat(p.startedNanos() / 1_000_000).isEqualTo(100 + 200L * i);
      assertThat(p.endSeen()).isTrue();
    }
  }

  @Test
  void tonesWithinToleranceAreFoundAndTooShortOnesAreNot() {
    tone('5', 60, 1.0, 0.015, -0.015, 0); // Q.24: ±1.5 % must be accepted
    silence(60);
    tone('9', 60, 1.0, -0.015, 0.015, 0);
    silence(60);
    tone('#', 60, 0.1, 0, 0, 0); // -30 dBm0 per tone: still a key
    silence(60);
    tone('1', 60, 1.0, 0, 0, 7); // the high tone 7 dB below the low: normal twist
    silence(60);
    tone('2', 20, 1.0, 0, 0, 0); // 20 ms is no key
    silence(60);
    assertThat(digits()).isEqualTo("59#1");
  }

  @Test
  void offFrequencyTwistedOrQuietTonesAreNotKeys() {
    tone('5', 100, 1.0, 0.06, 0.06, 0); // 6 % off
    silence(60);
    tone('5', 100, 1.0, 0, 0.035, 0); // the high tone 3.5 % off
    silence(60);
    tone('5', 100, 1.0, -0.05, 0, 0); // the low tone 5 % off
    silence(60);
    tone('5', 100, 1.0, 0, 0, 12); // high tone 12 dB below the low
    silence(60);
    tone('5', 100, 1.0, 0, 0, -8); // high tone 8 dB above the low
    silence(60);
    tone('5', 100, 0.01, 0, 0, 0); // -50 dBm0
    silence(60);
    assertThat(presses).isEmpty();
  }

  @Test
  void aPauseOfOneFrameDoesNotSplitAKeyButTwoFramesDo() {
    tone('7', 100, 1.0, 0, 0, 0);
    silence(20);
    tone('7', 100, 1.0, 0, 0, 0);
    silence(40);
    tone('7', 60, 1.0, 0, 0, 0);
    detector.flush();
    assertThat(digits()).isEqualTo("77");
    assertThat(presses.get(0).durationMs()).isEqualTo(220);
  }

  /** Spoken words, noise and a single tone: no key (talk-off). */
  @Test
  void speechNoiseAndSingleTonesAreNotKeys() {
    short[] speech = SpokenAudio.say("Hello, I would like to book a table for four people on Friday evening, "
        + "my number is one two three four five six seven eight nine zero.");
    feed(speech);
    Random random = new Random(7);
    short[] noise = new short[8000 * 3];
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (short) (random.nextGaussian() * 3000);
    }
    feed(noise);
    short[] single = new short[8000];
    for (int i = 0; i < single.length; i++) {
      single[i] = (short) (MINUS_10_DBM0 * Math.sin(2 * Math.PI * 941 * i / 8000.0));
    }
    feed(single);
    detector.flush();
    assertThat(presses).isEmpty();
  }

  @Test
  void aStallReleasesTheKeyAndRandomAudioNeverThrows() {
    tone('3', 100, 1.0, 0, 0, 0);
    detector.skip(800);
    assertThat(digits()).isEqualTo("3");
    Random random = new Random(11);
    short[] frame = new short[InbandDtmfDetector.FRAME];
    for (int f = 0; f < 2000; f++) {
      for (int i = 0; i < frame.length; i++) {
        frame[i] = (short) random.nextInt(1 << 16);
      }
      detector.accept(frame);
    }
    assertThat(digits()).startsWith("3");
  }

  /** A DTMF tone: {@code gain} times -10 dBm0 per tone, frequencies off by the given fractions, high tone lower. */
  private void tone(char key, int ms, double gain, double lowOff, double highOff, double twistDb) {
    int k = KEYS.indexOf(key);
    double low = LOW[k / 4] * (1 + lowOff);
    double high = HIGH[k % 4] * (1 + highOff);
    double a = MINUS_10_DBM0 * gain;
    double b = a * Math.pow(10, -twistDb / 20);
    short[] pcm = new short[ms * 8];
    for (int i = 0; i < pcm.length; i++) {
      double t = (sample + i) / 8000.0;
      pcm[i] = (short) Math.round(a * Math.sin(2 * Math.PI * low * t) + b * Math.sin(2 * Math.PI * high * t));
    }
    feed(pcm);
  }

  private void silence(int ms) {
    feed(new short[ms * 8]);
  }

  private void feed(short[] pcm) {
    short[] frame = new short[InbandDtmfDetector.FRAME];
    for (int i = 0; i + frame.length <= pcm.length; i += frame.length) {
      System.arraycopy(pcm, i, frame, 0, frame.length);
      detector.accept(frame);
    }
    sample += pcm.length;
  }

  private String digits() {
    StringBuilder b = new StringBuilder();
    presses.forEach(p -> b.append(p.digit()));
    return b.toString();
  }
}
