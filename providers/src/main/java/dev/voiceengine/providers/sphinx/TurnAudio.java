package dev.voiceengine.providers.sphinx;

import java.util.SplittableRandom;

/**
 * Conditions one turn's 16 kHz audio for the decoder and notices whether it held any speech at all.
 *
 * <p>Dither: telephone audio upsampled from 8 kHz has an empty band from 4 to 8 kHz, and synthetic speech has exact
 * digital silence; the model's filter bank then takes logarithms of near-zero energies and the search goes astray
 * (measured: "i would like to book an appointment for friday" at 8 kHz decoded as "no"; with noise 70 dB below full
 * scale added, exactly). The noise is seeded, so a turn always decodes the same. Silence: the decoder does no
 * endpointing and would force silence onto some phrase, so a turn whose loudest 20 ms frame stays below
 * {@value #SPEECH_RMS} (about -50 dBFS) counts as silence, and the time in loud frames tells how much of the
 * turn a result explains. One instance per stream; not thread-safe.
 */
final class TurnAudio {
  static final double SPEECH_RMS = 100;
  private static final double DITHER = 8;
  private static final int FRAME = 320;

  private final SplittableRandom noise = new SplittableRandom(0x5EED);
  private double frameEnergy;
  private int frameFill;
  private double loudestRms;
  private int loudFrames;

  /** Adds dither in place and returns the samples; measures loudness first. */
  short[] condition(short[] samples) {
    for (int i = 0; i < samples.length; i++) {
      double s = samples[i];
      frameEnergy += s * s;
      if (++frameFill == FRAME) {
        double rms = Math.sqrt(frameEnergy / FRAME);
        loudestRms = Math.max(loudestRms, rms);
        loudFrames += rms >= SPEECH_RMS ? 1 : 0;
        frameEnergy = 0;
        frameFill = 0;
      }
      double dithered = s + DITHER * (noise.nextDouble() - noise.nextDouble());
      samples[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(dithered)));
    }
    return samples;
  }

  /** Milliseconds of frames loud enough to be speech. */
  int speechMs() {
    return loudFrames * 20;
  }

  /** Whether any 20 ms frame so far was loud enough to be speech. */
  boolean heardSpeech() {
    return Math.max(loudestRms, frameFill == 0 ? 0 : Math.sqrt(frameEnergy / frameFill)) >= SPEECH_RMS;
  }
}
