package dev.voiceengine.conversation.vad;

/**
 * Answers "clearly not speech" for a call's windows from their energy alone, so the model is not run on silence and
 * steady low noise (most of a phone call is the other side talking or nobody talking).
 *
 * <p>Conservative by construction: a window is quiet only when its RMS is under an absolute floor (-60 dBFS) or under
 * both a margin above the tracked noise floor and a ceiling (-40 dBFS), so anything louder than quiet room noise always
 * reaches the model. The noise floor follows the minima: it drops at once to a quieter window and rises slowly
 * (about 5 dB/s) otherwise. A window is only gated after {@link #HANGOVER} quiet windows in a row, so pauses between
 * words and the model's own trailing decision after speech are left to the model. One per call; used on the call's
 * loop only.
 */
public final class EnergyGate {
  /** -60 dBFS: below this nothing is speech. */
  public static final double ABSOLUTE_RMS = 32768 * 1e-3;
  /** -40 dBFS: at or above this the model always decides. */
  public static final double CEILING_RMS = 32768 * 1e-2;
  /** 6 dB above the noise floor. */
  public static final double MARGIN = 2.0;
  /** Quiet windows (of 32 ms) that still go to the model after sound: 256 ms. */
  public static final int HANGOVER = 8;
  private static final double RISE = 1.02;
  private static final double LOWEST_FLOOR = 1.0;

  private double floor = ABSOLUTE_RMS;
  private int quietRun;

  /**
   * Whether {@code pcm[offset, offset + length)} may skip the model: it is clearly silent and so were the
   * {@link #HANGOVER} windows before it. Updates the noise floor.
   */
  public boolean quiet(short[] pcm, int offset, int length) {
    double rms = rms(pcm, offset, length);
    boolean quiet = rms < ABSOLUTE_RMS || rms < Math.min(floor * MARGIN, CEILING_RMS);
    floor = rms < floor ? Math.max(rms, LOWEST_FLOOR) : Math.min(floor * RISE, CEILING_RMS);
    quietRun = quiet ? quietRun + 1 : 0;
    return quietRun > HANGOVER;
  }

  /** The tracked noise floor (RMS in PCM16 units). */
  public double noiseFloor() {
    return floor;
  }

  static double rms(short[] pcm, int offset, int length) {
    long sum = 0;
    for (int i = offset, end = offset + length; i < end; i++) {
      int s = pcm[i];
      sum += s * s;
    }
    return Math.sqrt((double) sum / length);
  }
}
