package dev.voiceengine.media.dtmf;

import java.util.function.Consumer;

/**
 * Finds DTMF key presses played as tones in the caller's audio (ITU-T Q.23 frequencies), for callers whose
 * equipment does not send RFC 4733 telephone-events. Goertzel filters at the eight frequencies over each 20 ms frame
 * (160 samples at 8 kHz); a frame holds a key when, per ITU-T Q.24 and common practice:
 * <ul>
 *   <li>one low-group and one high-group frequency each stand out of their group by at least {@value #GROUP_DB} dB,</li>
 *   <li>both are above {@value #MIN_LEVEL_DBM0} dBm0 (a quiet line or low noise is no key),</li>
 *   <li>the twist is within limits: the high tone at most {@value #NORMAL_TWIST_DB} dB below the low one, or at most
 *       {@value #REVERSE_TWIST_DB} dB above it,</li>
 *   <li>the two tones carry at least {@value #TONE_SHARE_PERCENT} % of the frame's energy (speech and music spread
 *       theirs), which also rejects tones off their nominal frequencies: the filters' 50 Hz bins accept the ±1.5 %
 *       Q.24 requires; a high-group tone 3.5 % off and any tone 5 % off is rejected, though a low-group tone 3.5 %
 *       off (24-33 Hz) may still pass (a 20 ms frame cannot resolve finer).</li>
 * </ul>
 * A key is down after two frames in a row hold it (40 ms, the shortest Q.24 signal) and up after two frames without
 * it (a 40 ms pause); it is reported once, when up. Positions are caller samples since the call was answered. The
 * call's event loop only.
 */
public final class InbandDtmfDetector {
  static final int FRAME = 160;
  static final int RATE = 8000;
  static final double GROUP_DB = 8;
  static final double MIN_LEVEL_DBM0 = -36;
  static final double NORMAL_TWIST_DB = 8;
  static final double REVERSE_TWIST_DB = 4;
  static final int TONE_SHARE_PERCENT = 50;
  private static final double[] LOW = {697, 770, 852, 941};
  private static final double[] HIGH = {1209, 1336, 1477, 1633};
  private static final String KEYS = "123A456B789C*0#D";
  /** Mean power of a 0 dBm0 sine in 16-bit linear PCM (G.711's full scale is +3.17 dBm0). */
  private static final double ZERO_DBM0_POWER = Math.pow(32768 / Math.pow(10, 3.17 / 20), 2) / 2;

  private final Consumer<KeyPress> listener;
  private final double[] lowCoeff = coefficients(LOW);
  private final double[] highCoeff = coefficients(HIGH);
  private final double[] lowPower = new double[4];
  private final double[] highPower = new double[4];
  private long position;
  private char candidate;
  private char down;
  private int framesSeen;
  private int framesMissing;
  private long downSince;
  private int downFrames;

  /**
   * @param listener told of each key press once, when the key is up; its startedNanos counts from the first sample
   *     this detector took (the caller's audio timeline), not from a clock
   */
  public InbandDtmfDetector(Consumer<KeyPress> listener) {
    this.listener = listener;
  }

  /** Takes the next {@value #FRAME} samples of the caller. */
  public void accept(short[] frame) {
    char key = analyse(frame);
    if (down != 0) {
      if (key == down) {
        framesMissing = 0;
        downFrames++;
      } else if (++framesMissing >= 2) {
        release(1); // the first frame missing was counted as held
      } else {
        downFrames++;
      }
    }
    if (down == 0) {
      if (key != 0 && key == candidate) {
        if (++framesSeen >= 2) {
          down = key;
          downSince = position - (long) FRAME * (framesSeen - 1);
          downFrames = framesSeen;
          framesMissing = 0;
        }
      } else {
        candidate = key;
        framesSeen = key == 0 ? 0 : 1;
      }
    }
    position += frame.length;
  }

  /** Frames the call could not process in time pass unheard: a key down is released, its timeline moves on. */
  public void skip(int samples) {
    flush();
    candidate = 0;
    framesSeen = 0;
    position += samples;
  }

  /** Reports a key still down (the call ends). */
  public void flush() {
    if (down != 0) {
      release(framesMissing);
    }
  }

  private void release(int uncounted) {
    char key = down;
    long units = (long) (downFrames - uncounted) * FRAME;
    down = 0;
    candidate = 0;
    framesSeen = 0;
    framesMissing = 0;
    listener.accept(new KeyPress(key, downSince * 1_000_000_000L / RATE, units, true));
  }

  /** The key this frame holds, or 0. */
  char analyse(short[] frame) {
    double energy = 0;
    for (short s : frame) {
      energy += (double) s * s;
    }
    if (energy == 0) {
      return 0;
    }
    int row = strongest(frame, lowCoeff, lowPower);
    int col = strongest(frame, highCoeff, highPower);
    double rowTone = toneEnergy(lowPower[row], frame.length);
    double colTone = toneEnergy(highPower[col], frame.length);
    double minEnergy = ZERO_DBM0_POWER * Math.pow(10, MIN_LEVEL_DBM0 / 10) * frame.length;
    if (rowTone < minEnergy || colTone < minEnergy) {
      return 0;
    }
    if (!standsOut(lowPower, row) || !standsOut(highPower, col)) {
      return 0;
    }
    double twistDb = 10 * Math.log10(colTone / rowTone);
    if (twistDb < -NORMAL_TWIST_DB || twistDb > REVERSE_TWIST_DB) {
      return 0;
    }
    if ((rowTone + colTone) * 100 < energy * TONE_SHARE_PERCENT) {
      return 0;
    }
    return KEYS.charAt(row * 4 + col);
  }

  private static int strongest(short[] frame, double[] coeff, double[] power) {
    int best = 0;
    for (int i = 0; i < coeff.length; i++) {
      power[i] = goertzel(frame, coeff[i]);
      if (power[i] > power[best]) {
        best = i;
      }
    }
    return best;
  }

  private static boolean standsOut(double[] power, int best) {
    double limit = power[best] / Math.pow(10, GROUP_DB / 10);
    for (int i = 0; i < power.length; i++) {
      if (i != best && power[i] > limit) {
        return false;
      }
    }
    return true;
  }

  /** The energy of a sine at the filter's frequency that gives this Goertzel power over {@code n} samples. */
  private static double toneEnergy(double power, int n) {
    return power * 2 / n;
  }

  /** Goertzel: the squared magnitude of the DFT of {@code x} at the frequency of {@code coeff} = 2cos(2πf/fs). */
  static double goertzel(short[] x, double coeff) {
    double s1 = 0;
    double s2 = 0;
    for (short v : x) {
      double s = v + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  private static double[] coefficients(double[] freqs) {
    double[] c = new double[freqs.length];
    for (int i = 0; i < freqs.length; i++) {
      c[i] = 2 * Math.cos(2 * Math.PI * freqs[i] / RATE);
    }
    return c;
  }
}
