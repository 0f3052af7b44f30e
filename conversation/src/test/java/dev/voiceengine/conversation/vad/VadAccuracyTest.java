package dev.voiceengine.conversation.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every engine against speech with known segments, clean and in low white noise, and against silence and noise. */
class VadAccuracyTest {
  /** The first speech window starts this close to the truth (which counts a soft plosive onset from -40 dBFS). */
  static final int ONSET_TOLERANCE = 120 * 8;
  /** Speech may be reported this long after an utterance ends (the detectors' own hangover). */
  static final int TAIL = 300 * 8;

  static VadTestSet speech;

  @BeforeAll
  static void makeTestSet() throws Exception {
    speech = VadTestSet.speech();
  }

  static Stream<Arguments> enginesAndNoise() {
    return VadEngines.NAMES.stream()
        .flatMap(name -> Stream.of(Double.NaN, -50.0, -40.0).map(noise -> Arguments.of(name, noise)));
  }

  @ParameterizedTest(name = "{0}, noise {1} dBFS")
  @MethodSource("enginesAndNoise")
  void findsEveryUtteranceAndNothingBetween(String name, double noise) throws Exception {
    VadTestSet set = Double.isNaN(noise) ? speech : speech.withNoise(noise, 11);
    List<long[]> found = speechWindows(name, set.pcm);

    for (VadTestSet.Segment s : set.speech) {
      long onset =
          found.stream()
              .filter(w -> w[1] > s.start() - ONSET_TOLERANCE && w[0] < s.end())
              .mapToLong(w -> w[0])
              .findFirst()
              .orElse(Long.MAX_VALUE);
      assertThat(onset - s.start())
          .as("%s: onset of the utterance at %d ms", name, s.start() / 8)
          .isBetween((long) -ONSET_TOLERANCE, (long) ONSET_TOLERANCE);
    }
    for (long[] w : found) {
      assertThat(set.speech)
          .as("%s: speech window %d-%d ms lies in or next to an utterance", name, w[0] / 8, w[1] / 8)
          .anyMatch(s -> w[1] > s.start() - ONSET_TOLERANCE && w[0] < s.end() + TAIL);
    }
  }

  @ParameterizedTest(name = "{0}, noise {1} dBFS")
  @MethodSource("enginesAndNoise")
  void noSpeechInSilenceOrLowNoise(String name, double noise) throws Exception {
    VadTestSet set = Double.isNaN(noise) ? VadTestSet.silence(5) : VadTestSet.silence(5).withNoise(noise, 5);
    assertThat(speechWindows(name, set.pcm)).as(name).isEmpty();
  }

  private static List<long[]> speechWindows(String name, short[] pcm) throws InterruptedException {
    try (VadEngine engine = VadEngines.create(name)) {
      int window = name.equals(VadEngines.WEBRTC) ? WebRtcProcessor.WINDOW : SileroModel.WINDOW;
      List<VadResults.Result> results = VadResults.run(engine, pcm, window);
      assertThat(results).hasSize(pcm.length / window);
      return VadResults.speechWindows(results);
    }
  }
}
