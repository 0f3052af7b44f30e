package dev.voiceengine.providers.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ResamplerTest {
  private static final double AMPLITUDE = 10000;

  private static short[] tone(double hz, int rate, int samples) {
    short[] s = new short[samples];
    for (int i = 0; i < samples; i++) {
      s[i] = (short) Math.round(AMPLITUDE * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  /** RMS of the middle half, away from the filter's start-up and tail. */
  private static double middleRms(short[] s) {
    int from = s.length / 4;
    int to = 3 * s.length / 4;
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (double) s[i] * s[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  private static double gainDb(short[] in, short[] out) {
    return 20 * Math.log10(middleRms(out) / middleRms(in));
  }

  @ParameterizedTest
  @CsvSource({"16000,8000", "8000,16000", "24000,8000", "8000,24000", "44100,16000", "16000,48000"})
  void passbandKeepsAmplitudeWithinOneDecibel(int from, int to) {
    int lowerNyquist = Math.min(from, to) / 2;
    for (double hz = 100; hz <= 0.8 * lowerNyquist; hz += 150) {
      short[] in = tone(hz, from, from);
      assertThat(gainDb(in, Resampler.convert(in, from, to))).as("%s Hz", hz).isBetween(-1.0, 1.0);
    }
  }

  @ParameterizedTest
  @CsvSource({"16000,8000,5000", "16000,8000,7000", "24000,8000,6000", "24000,8000,9000", "48000,16000,12000"})
  void toneAboveTheNewNyquistIsAttenuatedFortyDecibels(int from, int to, double hz) {
    short[] in = tone(hz, from, from);
    assertThat(gainDb(in, Resampler.convert(in, from, to))).isLessThan(-40);
  }

  @Test
  void upsamplingDoesNotImage() {
    short[] in = tone(1000, 8000, 8000);
    short[] out = Resampler.convert(in, 8000, 16000);
    // 8k -> 16k: an image of 1 kHz would appear at 7 kHz; measure it by correlating with a 7 kHz tone.
    assertThat(correlation(out, 7000, 16000) / correlation(out, 1000, 16000)).isLessThan(0.01);
  }

  private static double correlation(short[] s, double hz, int rate) {
    double re = 0;
    double im = 0;
    for (int i = s.length / 4; i < 3 * s.length / 4; i++) {
      re += s[i] * Math.cos(2 * Math.PI * hz * i / rate);
      im += s[i] * Math.sin(2 * Math.PI * hz * i / rate);
    }
    return Math.hypot(re, im);
  }

  @ParameterizedTest
  @CsvSource({"16000,8000", "8000,16000", "24000,8000", "44100,8000", "8000,8000"})
  void chunkedStreamingEqualsOneShot(int from, int to) {
    Random random = new Random(from * 31L + to);
    short[] in = new short[from / 2 + 7];
    for (int i = 0; i < in.length; i++) {
      in[i] = (short) (random.nextGaussian() * 3000);
    }
    short[] whole = Resampler.convert(in, from, to);
    Resampler streaming = new Resampler(from, to);
    short[] joined = new short[0];
    int pos = 0;
    while (pos < in.length) {
      int n = Math.min(in.length - pos, random.nextInt(400));
      joined = concat(joined, streaming.process(in, pos, n));
      pos += n;
    }
    joined = concat(joined, streaming.flush());
    assertThat(joined).containsExactly(whole);
  }

  @ParameterizedTest
  @CsvSource({"16000,8000,16000", "16000,8000,16001", "8000,16000,801", "24000,8000,2400", "8000,24000,3",
      "44100,8000,44100", "8000,8000,123", "16000,8000,0"})
  void outputLengthIsInputTimesRatio(int from, int to, int n) {
    short[] out = Resampler.convert(new short[n], from, to);
    assertThat(out).hasSize((int) Math.ceil((double) n * to / from));
  }

  @Test
  void delayIsCompensated() {
    short[] in = new short[1600];
    in[800] = 20000; // an impulse at 100 ms
    short[] out = Resampler.convert(in, 16000, 8000);
    int peak = 0;
    for (int i = 0; i < out.length; i++) {
      if (Math.abs(out[i]) > Math.abs(out[peak])) {
        peak = i;
      }
    }
    assertThat(peak).isEqualTo(400);
  }

  @Test
  void equalRatesPassThrough() {
    short[] in = {1, -2, 3, Short.MAX_VALUE, Short.MIN_VALUE};
    assertThat(Resampler.convert(in, 8000, 8000)).containsExactly(in);
  }

  @Test
  void rejectsBadRatesAndUseAfterFlush() {
    assertThatThrownBy(() -> new Resampler(0, 8000)).isInstanceOf(IllegalArgumentException.class);
    Resampler r = new Resampler(8000, 16000);
    r.flush();
    assertThatThrownBy(() -> r.process(new short[1])).isInstanceOf(IllegalStateException.class);
  }

  private static short[] concat(short[] a, short[] b) {
    short[] out = new short[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
