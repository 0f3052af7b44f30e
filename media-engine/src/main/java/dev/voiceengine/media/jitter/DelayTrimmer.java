package dev.voiceengine.media.jitter;

/**
 * Decides when playout trails the received audio by more than it needs to, and which frames to drop to catch up.
 *
 * <p>A delay spike or a stall leaves more audio buffered than the target delay (late audio is delivered late, not
 * dropped), as does a target that fell when the path calmed down, and nothing else shrinks it again: every later
 * packet arrives just as far ahead. So the smallest depth seen over {@value #WINDOW_MILLIS} ms of playout is slack the
 * stream did not need; if it stayed at least a frame above the target, the excess over the target at the window's
 * end, in whole frames, is dropped during the next frames, one frame at a time: a quiet frame (silence, or nothing
 * received) as soon as one comes up, a loud one only after {@value #LOUD_SPACING} frames without a quiet one. A
 * remote clock a little fast is worn off the same way; one far off still runs into the maximum delay.
 *
 * <p>Depth counts received samples only, so a gap about to play as silence is not mistaken for slack. Deterministic:
 * the outcome depends on the calls and the audio, never on time. Not thread-safe; part of one {@link JitterBuffer}.
 */
final class DelayTrimmer {
  /** Playout over which the depth must stay high before anything is dropped. */
  static final int WINDOW_MILLIS = 2000;
  /** Frames played, after a drop or after the need arose, before a frame with audible content may be dropped. */
  static final int LOUD_SPACING = 5;
  /** Peak amplitude up to which a frame counts as quiet: about -42 dBFS, below speech. */
  static final int QUIET_PEAK = 256;

  private final int windowSamples;
  private int windowPlayed;
  private int windowMin;
  private int excess;
  private int waited;

  DelayTrimmer(int clockRate) {
    this.windowSamples = clockRate * WINDOW_MILLIS / 1000;
    restart();
  }

  /** Whether a frame of {@code n} samples is still to be dropped. */
  boolean owes(int n) {
    return excess >= n;
  }

  /**
   * Given that it {@link #owes} a frame: whether to drop the next {@code n} samples, whose received ones peak at
   * {@code peak}, rather than play them. A yes is taken as done. Never when {@code depth} received samples ahead of
   * the cursor would leave less than the {@code target} delay after dropping this frame and playing the next:
   * something else may have moved the cursor, or the target may have risen, since the window was measured.
   */
  boolean drops(int n, int depth, int peak, int target) {
    if (depth - 2 * n < target || peak > QUIET_PEAK && waited < LOUD_SPACING) {
      return false;
    }
    excess -= n;
    waited = 0;
    return true;
  }

  /**
   * A frame of {@code n} samples was played (or held) and {@code depth} received samples are still ahead of the
   * cursor; {@code target} is the playout delay now aimed at.
   */
  void played(int n, int depth, int target) {
    if (waited < LOUD_SPACING) {
      waited++;
    }
    windowMin = Math.min(windowMin, depth);
    windowPlayed += n;
    if (windowPlayed >= windowSamples) {
      excess = windowMin >= target + n ? (windowMin - target) / n * n : 0;
      waited = 0;
      windowPlayed = 0;
      windowMin = Integer.MAX_VALUE;
    }
  }

  /** A new timeline (re-anchored stream): what was measured before says nothing about it. */
  void restart() {
    windowPlayed = 0;
    windowMin = Integer.MAX_VALUE;
    excess = 0;
    waited = 0;
  }
}
