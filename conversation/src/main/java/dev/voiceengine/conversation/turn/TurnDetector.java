package dev.voiceengine.conversation.turn;

/**
 * Decides turns from speech probabilities, one VAD window at a time, on sample positions of the caller's 8 kHz
 * timeline (so it is deterministic and needs no clock).
 *
 * <p>Speech starts when a window's probability reaches the speech threshold and stops when one falls below the
 * (lower) silence threshold. A run of speech becomes a <em>candidate</em> once it has lasted {@code minSpeechMs};
 * while the agent is silent a candidate is the caller's turn, which ends after {@code endpointSilenceMs} of silence
 * (or {@code finalSilenceMs} once a final transcript came). While the agent speaks, a candidate interrupts it only
 * when the agent is interruptible and the speech lasts {@code minInterruptionMs} or holds
 * {@code minInterruptionWords} recognised words; a burst that pauses for {@code burstGapMs} before that (a cough,
 * an "mhm") is discarded. Not thread-safe: the call's loop only.
 */
public final class TurnDetector {
  /** What the detector decided. */
  public interface Listener {
    /** Speech from {@code onsetSample} lasted long enough to be heard: start transcribing from there. */
    void callerSpeechStarted(long onsetSample);

    /** The caller interrupts the agent: stop its audio now. */
    void interruption(long onsetSample);

    /** The candidate speech was a burst over the agent, not a turn: forget it. */
    void callerSpeechDiscarded();

    /** The caller's turn is over: their last speech ended at {@code lastSpeechSample}, decided at {@code atSample}. */
    void callerTurnEnded(long lastSpeechSample, long atSample);
  }

  private static final int SAMPLES_PER_MS = 8;

  private final TurnSettings settings;
  private final Listener listener;
  private boolean agentSpeaking;
  private boolean inSpeech;
  private long runStart = -1; // onset of the current candidate, -1 when none
  private long lastSpeechEnd = -1;
  private boolean started; // callerSpeechStarted was reported for the candidate
  private boolean turn; // the candidate is the caller's turn (not a burst over the agent)
  private boolean finalTranscript;
  private int words;

  public TurnDetector(TurnSettings settings, Listener listener) {
    this.settings = settings;
    this.listener = listener;
  }

  /** Whether the agent's audio is playing now. */
  public void agentSpeaking(boolean speaking) {
    this.agentSpeaking = speaking;
  }

  /** A final transcript of the current turn arrived: a shorter silence now ends it. */
  public void finalTranscript() {
    finalTranscript = true;
  }

  /** Recognised words of the current candidate so far (from interim results), for word-count interruption. */
  public void wordsHeard(int count, long atSample) {
    words = Math.max(words, count);
    decideCandidate(atSample);
  }

  /** Whether a caller turn (not a mere burst) is in progress. */
  public boolean inCallerTurn() {
    return runStart >= 0 && turn;
  }

  /** One VAD window {@code [endSample - samples, endSample)} with its speech probability. */
  public void onWindow(long endSample, int samples, float probability) {
    long start = endSample - samples;
    if (!inSpeech && probability >= settings.speechThreshold()) {
      inSpeech = true;
      if (runStart < 0) {
        runStart = start;
        started = false;
        turn = false;
        words = 0;
        finalTranscript = false;
      }
    } else if (inSpeech && probability < settings.silenceThreshold()) {
      inSpeech = false;
    }
    if (inSpeech) {
      lastSpeechEnd = endSample;
      decideCandidate(endSample);
      return;
    }
    if (runStart < 0) {
      return;
    }
    long silence = endSample - lastSpeechEnd;
    if (!turn) {
      if (silence >= ms(settings.burstGapMs())) {
        boolean wasStarted = started;
        reset();
        if (wasStarted) {
          listener.callerSpeechDiscarded();
        }
      }
      return;
    }
    int endpoint = finalTranscript ? settings.finalSilenceMs() : settings.endpointSilenceMs();
    if (silence >= ms(endpoint)) {
      long last = lastSpeechEnd;
      reset();
      listener.callerTurnEnded(last, endSample);
    }
  }

  private void decideCandidate(long now) {
    if (runStart < 0 || turn) {
      return;
    }
    long duration = lastSpeechEnd - runStart;
    if (duration < ms(settings.minSpeechMs())) {
      return;
    }
    if (!started) {
      started = true;
      listener.callerSpeechStarted(runStart);
    }
    if (!agentSpeaking) {
      turn = true;
      return;
    }
    if (!settings.interruptible()) {
      return;
    }
    boolean longEnough = duration >= ms(settings.minInterruptionMs());
    boolean enoughWords = settings.minInterruptionWords() > 0 && words >= settings.minInterruptionWords();
    if (longEnough || enoughWords) {
      turn = true;
      listener.interruption(runStart);
    }
  }

  private void reset() {
    runStart = -1;
    started = false;
    turn = false;
    words = 0;
    finalTranscript = false;
  }

  private static long ms(int millis) {
    return (long) millis * SAMPLES_PER_MS;
  }
}
