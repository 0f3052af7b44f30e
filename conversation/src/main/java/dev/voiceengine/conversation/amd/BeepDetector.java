package dev.voiceengine.conversation.amd;

/**
 * Finds a voicemail beep in caller audio: one steady tone between {@link #MIN_HZ} and {@link #MAX_HZ} lasting
 * {@link #MIN_MS}-{@link #MAX_MS}. Each 20 ms frame is scanned with the Goertzel algorithm on a 20 Hz grid; a frame is
 * tonal when one frequency holds at least {@link #PURITY} of its energy and it is loud enough. A beep is a run of
 * tonal frames at the same frequency (within {@link #DRIFT_HZ}) whose length is in range, reported when the tone stops:
 * a tone longer than {@link #MAX_MS} (ringback, fax, dial tone) is not a beep, and speech is not one because voiced
 * speech spreads its energy over several harmonics and its pitch moves. Up to {@link #MAX_GAP_FRAMES} frames without
 * a tone inside a run are bridged: a packet lost or late on the way plays out as 20 ms of silence (the jitter
 * buffer's concealment), and ending the beep there would let the agent speak over the rest of it; the tone is
 * judged once it has been gone longer than that. Frame positions are counted from the first frame given. One per
 * call; not thread-safe.
 */
public final class BeepDetector {
  public static final int RATE = 8000;
  public static final int MIN_HZ = 350;
  public static final int MAX_HZ = 2000;
  public static final int MIN_MS = 150;
  public static final int MAX_MS = 1000;
  /** Share of a frame's energy the strongest grid frequency must hold. */
  public static final double PURITY = 0.72;
  /** A tone may wander this far between frames (a cheap oscillator, the grid's resolution). */
  public static final int DRIFT_HZ = 45;
  private static final int STEP_HZ = 20;
  /** About -50 dBFS: quieter frames are never tonal. */
  private static final double MIN_RMS = 100;
  private static final int FRAME_MS = 20;
  /** Full tonal frames a tone of {@link #MIN_MS} surely fills whatever its phase against the frames. */
  private static final int MIN_FRAMES = (MIN_MS - FRAME_MS) / FRAME_MS;
  /** A tone of {@link #MAX_MS} touches at most this many frames. */
  private static final int MAX_FRAMES = MAX_MS / FRAME_MS + 1;
  /** Frames without a tone a run survives (two packets lost in a row). */
  public static final int MAX_GAP_FRAMES = 2;

  private final double[] coeff;
  private final int[] hz;
  private long position;
  private long runStart = -1;
  private int runFrames;
  private int runHz;
  private int gapFrames;
  private long runEnd = -1;
  private long beepStart = -1;
  private long beepEnd = -1;
  private int beepHz;

  public BeepDetector() {
    int n = (MAX_HZ - MIN_HZ) / STEP_HZ + 1;
    coeff = new double[n];
    hz = new int[n];
    for (int i = 0; i < n; i++) {
      hz[i] = MIN_HZ + i * STEP_HZ;
      coeff[i] = 2 * Math.cos(2 * Math.PI * hz[i] / RATE);
    }
  }

  /** Takes the next frame (any length; 160 samples as the call delivers them); true when a beep just ended. */
  public boolean accept(short[] frame, int offset, int length) {
    int tone = tonalHz(frame, offset, length);
    boolean ended = false;
    if (tone > 0 && runFrames > 0 && Math.abs(tone - runHz) <= DRIFT_HZ) {
      runFrames += gapFrames + 1; // a bridged gap was part of the tone
      gapFrames = 0;
      runEnd = position + length;
    } else if (tone == 0 && runFrames > 0 && gapFrames < MAX_GAP_FRAMES) {
      gapFrames++;
    } else {
      ended = closeRun();
      runStart = tone > 0 ? position : -1;
      runFrames = tone > 0 ? 1 : 0;
      runHz = tone;
      gapFrames = 0;
      runEnd = tone > 0 ? position + length : -1;
    }
    position += length;
    return ended;
  }

  /** Whether a tone is sounding now (a possible beep, not yet judged): hold judgements that a beep would change. */
  public boolean toneSounding() {
    return runFrames >= 3 && beepStart < 0;
  }

  /** Sample position where the (first) beep began, or -1 while none has been heard. */
  public long beepStart() {
    return beepStart;
  }

  /** Sample position just after the beep's last tonal frame, or -1. */
  public long beepEnd() {
    return beepEnd;
  }

  /** The beep's frequency on the detector's grid, Hz (0 while none). */
  public int beepHz() {
    return beepHz;
  }

  private boolean closeRun() {
    boolean beep = runFrames >= MIN_FRAMES && runFrames <= MAX_FRAMES && beepStart < 0;
    if (beep) {
      beepStart = runStart;
      beepEnd = runEnd;
      beepHz = runHz;
    }
    return beep;
  }

  /** The frame's dominant frequency when it is a pure, loud enough tone; 0 otherwise. */
  int tonalHz(short[] frame, int offset, int length) {
    double energy = 0;
    for (int i = offset; i < offset + length; i++) {
      energy += (double) frame[i] * frame[i];
    }
    if (length == 0 || Math.sqrt(energy / length) < MIN_RMS) {
      return 0;
    }
    double best = 0;
    int bestHz = 0;
    for (int k = 0; k < coeff.length; k++) {
      double s1 = 0;
      double s2 = 0;
      double c = coeff[k];
      for (int i = offset; i < offset + length; i++) {
        double s = frame[i] + c * s1 - s2;
        s2 = s1;
        s1 = s;
      }
      double power = s1 * s1 + s2 * s2 - c * s1 * s2;
      if (power > best) {
        best = power;
        bestHz = hz[k];
      }
    }
    // a sinusoid exactly on a grid frequency gives power = N^2 A^2 / 4 and energy = N A^2 / 2: a ratio of 1
    double purity = 2 * best / (length * energy);
    return purity >= PURITY ? bestHz : 0;
  }
}
