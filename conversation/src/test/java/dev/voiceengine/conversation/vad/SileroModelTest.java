package dev.voiceengine.conversation.vad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SileroModelTest {
  static VadTestSet speech;
  static SileroModel model;

  @BeforeAll
  static void load() throws Exception {
    speech = VadTestSet.speech();
    model = SileroModel.load();
  }

  @AfterAll
  static void close() {
    model.close();
  }

  /** Window {@code k} of a stream starting at {@code start}: context and new samples, scaled. */
  static float[] window(short[] pcm, int start, int k) {
    short[] raw = new short[SileroModel.INPUT];
    int from = start + k * SileroModel.WINDOW - SileroModel.CONTEXT;
    for (int i = 0; i < raw.length; i++) {
      raw[i] = from + i >= start ? pcm[from + i] : 0;
    }
    float[] out = new float[SileroModel.INPUT];
    SileroProcessor.toFloats(raw, out);
    return out;
  }

  /** Streams starting at different points of the test set, each run alone window by window. */
  static float[][] alone(int[] starts, int windows) {
    float[][] p = new float[starts.length][windows];
    for (int s = 0; s < starts.length; s++) {
      float[] state = new float[SileroModel.STATE];
      for (int k = 0; k < windows; k++) {
        p[s][k] = model.runOne(window(speech.pcm, starts[s], k), state);
      }
    }
    return p;
  }

  @Test
  void batchedWindowsGiveTheSameProbabilitiesAsWindowsAlone() {
    for (int batch : new int[] {2, 8, 64, 256}) {
      int windows = 12;
      int[] starts = new int[batch];
      for (int s = 0; s < batch; s++) {
        starts[s] = (s * 997) % (speech.pcm.length - windows * SileroModel.WINDOW);
      }
      float[][] expected = alone(starts, windows);
      float[][] states = new float[batch][SileroModel.STATE];
      float[][] inputs = new float[batch][];
      float[] p = new float[batch];
      for (int k = 0; k < windows; k++) {
        for (int s = 0; s < batch; s++) {
          inputs[s] = window(speech.pcm, starts[s], k);
        }
        model.run(inputs, states, batch, p);
        for (int s = 0; s < batch; s++) {
          assertThat(p[s]).as("batch %d, stream %d, window %d", batch, s, k).isCloseTo(expected[s][k], within(1e-4f));
        }
      }
    }
  }

  @Test
  void speechScoresHighAndSilenceLow() {
    VadTestSet.Segment first = speech.speech.get(0);
    float[] p = alone(new int[] {first.start() - 8000}, 60)[0];
    assertThat(p[10]).as("silence before the utterance").isLessThan(0.1f);
    float max = 0;
    for (int k = 40; k < 60; k++) {
      max = Math.max(max, p[k]);
    }
    assertThat(max).as("inside the utterance").isGreaterThan(0.9f);
  }

  @Test
  void rejectsAnEmptyOrOversizedBatch() {
    assertThatThrownBy(() -> model.run(new float[1][], new float[1][], 0, new float[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch must be 1..256");
    assertThatThrownBy(() -> model.run(new float[1][], new float[1][], 257, new float[1]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
