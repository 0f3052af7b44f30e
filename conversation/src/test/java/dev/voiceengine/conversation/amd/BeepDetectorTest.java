package dev.voiceengine.conversation.amd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.testsupport.audio.GreetingSet;
import dev.voiceengine.testsupport.audio.SpokenAudio;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Beeps across voicemail frequencies, lengths and line noise are found where they start; speech and long tones not. */
class BeepDetectorTest {
  static final int LEAD = 8000 * 7 / 10 + 37; // not on a frame boundary

  static long run(short[] pcm) {
    BeepDetector d = new BeepDetector();
    for (int at = 0; at + 160 <= pcm.length; at += 160) {
      d.accept(pcm, at, 160);
    }
    return d.beepStart();
  }

  static short[] withTone(int hz, int ms, double noiseDbfs) throws Exception {
    short[] tone = GreetingSet.tone(hz, ms, -12);
    short[] pcm = SpokenAudio.padded(0, new short[LEAD], 0);
    pcm = java.util.Arrays.copyOf(pcm, LEAD + tone.length + 8000);
    System.arraycopy(tone, 0, pcm, LEAD, tone.length);
    return Double.isNaN(noiseDbfs) ? pcm : GreetingSet.withNoise(pcm, noiseDbfs, hz + ms);
  }

  static Stream<Arguments> beeps() {
    return Stream.of(350, 440, 600, 850, 1000, 1400, 2000).flatMap(hz -> Stream.of(160, 400, 950)
        .flatMap(ms -> Stream.of(Double.NaN, -40.0).map(noise -> Arguments.of(hz, ms, noise))));
  }

  @ParameterizedTest(name = "{0} Hz, {1} ms, noise {2} dBFS")
  @MethodSource("beeps")
  void findsTheBeepWhereItStarts(int hz, int ms, double noise) throws Exception {
    long start = run(withTone(hz, ms, noise));
    assertThat(start - LEAD).as("onset error, samples").isBetween(-160L, 320L);
  }

  @Test
  void aToneTooShortOrTooLongIsNoBeep() throws Exception {
    assertThat(run(withTone(1000, 80, Double.NaN))).isEqualTo(-1);
    assertThat(run(withTone(425, 3000, Double.NaN))).as("a ringback-like tone").isEqualTo(-1);
  }

  @Test
  void aToneOutsideTheVoicemailBandIsNoBeep() throws Exception {
    assertThat(run(withTone(200, 400, Double.NaN))).isEqualTo(-1);
    assertThat(run(withTone(3000, 400, Double.NaN))).isEqualTo(-1);
  }

  @Test
  void speechWithPitchIsNoBeep() {
    for (String text : new String[] {"Hello?", "Ooooh, well, hmmmm.", "Please leave a message after the tone.",
        "Good morning, this is Ana, how can I help you?"}) {
      short[] speech = SpokenAudio.say(text);
      assertThat(run(speech)).as(text).isEqualTo(-1);
      assertThat(run(GreetingSet.withNoise(speech, -40, 3))).as(text + " in noise").isEqualTo(-1);
    }
  }

  @Test
  void noiseAloneIsNoBeep() {
    assertThat(run(GreetingSet.withNoise(new short[8000 * 3], -30, 5))).isEqualTo(-1);
  }

  /** Feeds 20 ms frames; returns the sample positions of the frames on which a beep was reported. */
  static java.util.List<Long> reports(BeepDetector d, short[] pcm) {
    java.util.List<Long> at = new java.util.ArrayList<>();
    for (int i = 0; i + 160 <= pcm.length; i += 160) {
      if (d.accept(pcm, i, 160)) {
        at.add((long) i);
      }
    }
    return at;
  }

  @Test
  void aPacketLostInsideTheBeepDoesNotEndIt() throws Exception {
    for (int gap = 1; gap <= BeepDetector.MAX_GAP_FRAMES; gap++) {
      short[] pcm = withTone(1000, 900, Double.NaN);
      int lost = (LEAD / 160 + 20) * 160; // a frame of the feed 400 ms into the tone plays out as silence
      java.util.Arrays.fill(pcm, lost, lost + gap * 160, (short) 0);
      BeepDetector d = new BeepDetector();
      java.util.List<Long> reported = reports(d, pcm);
      assertThat(reported).as("%d frames lost", gap).hasSize(1);
      assertThat(reported.get(0)).as("judged once the tone is gone").isGreaterThanOrEqualTo(LEAD + 900 * 8L);
      assertThat(d.beepEnd() - d.beepStart()).as("the whole beep, samples").isBetween(900 * 8L - 320, 900 * 8L + 160);
    }
  }

  @Test
  void aLongerSilenceEndsTheTone() throws Exception {
    short[] pcm = withTone(1000, 800, Double.NaN);
    int silent = (LEAD / 160 + 20) * 160; // 100 ms of silence 400 ms in: two tones, the first is the beep
    java.util.Arrays.fill(pcm, silent, silent + 5 * 160, (short) 0);
    BeepDetector d = new BeepDetector();
    assertThat(reports(d, pcm)).hasSize(1);
    assertThat(d.beepEnd()).isEqualTo(silent);
  }
}
