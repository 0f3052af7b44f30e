package dev.voiceengine.conversation.vad;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EnergyGateTest {
  private final Random random = new Random(3);

  private short[] noise(double dbfs) {
    double sigma = 32768 * Math.pow(10, dbfs / 20);
    short[] w = new short[SileroModel.WINDOW];
    for (int i = 0; i < w.length; i++) {
      w[i] = (short) Math.max(-32768, Math.min(32767, Math.round(random.nextGaussian() * sigma)));
    }
    return w;
  }

  /** How many of {@code windows} windows of noise at the level the gate lets skip the model. */
  private int gated(EnergyGate gate, double dbfs, int windows) {
    int n = 0;
    for (int i = 0; i < windows; i++) {
      if (gate.quiet(noise(dbfs), 0, SileroModel.WINDOW)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void silenceIsGatedOnlyAfterTheHangover() {
    EnergyGate gate = new EnergyGate();
    short[] zero = new short[SileroModel.WINDOW];
    for (int i = 0; i < EnergyGate.HANGOVER; i++) {
      assertThat(gate.quiet(zero, 0, zero.length)).as("window %d", i).isFalse();
    }
    assertThat(gate.quiet(zero, 0, zero.length)).isTrue();
  }

  @Test
  void lowSteadyNoiseIsGatedAndALouderWindowReopensAtOnce() {
    EnergyGate gate = new EnergyGate();
    assertThat(gated(gate, -50, 200)).isGreaterThan(150);
    assertThat(gate.noiseFloor()).isBetween(50.0, 120.0);
    assertThat(gate.quiet(noise(-30), 0, SileroModel.WINDOW)).as("speech-level window").isFalse();
    assertThat(gate.quiet(noise(-50), 0, SileroModel.WINDOW)).as("hangover after sound").isFalse();
  }

  @Test
  void anythingAtOrAboveTheCeilingAlwaysReachesTheModel() {
    EnergyGate gate = new EnergyGate();
    assertThat(gated(gate, -38, 300)).isZero();
  }

  @Test
  void softSoundJustAboveTheNoiseFloorIsNotGated() {
    EnergyGate gate = new EnergyGate();
    gated(gate, -55, 100);
    assertThat(gated(gate, -45, 20)).as("10 dB over the floor").isZero();
  }
}
