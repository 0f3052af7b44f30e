package dev.voiceengine.conversation.amd;

/**
 * Tells a person from an answering machine by how the answering side sounds in its first seconds, from the audio
 * alone: a person says something short ("Hello?") and waits; a machine speaks a long greeting, or many words, or
 * stays silent until its beep. Frames are speech by energy against the noise floor (the quietest recent frame), gated by the call's voice
 * activity probability when it is given ({@link #voiceActivity}); sound runs shorter than a word are ignored and pauses
 * split words. The verdict comes as early as the cues allow: a person as soon as a short greeting is followed by
 * {@link AmdSettings#afterGreetingSilenceMs()} of silence; a machine once the greeting runs past
 * {@link AmdSettings#maxGreetingMs()}, has {@link AmdSettings#maxWords()} words, a beep is heard, or nobody speaks for
 * {@link AmdSettings#initialSilenceMs()}; unknown at the timeout. Feeding may go on after the verdict (the beep and
 * the end of the greeting are still tracked). One per call; not thread-safe.
 */
public final class AmdDetector {
  /** The outcome so far. */
  public enum Verdict {
    PENDING, HUMAN, MACHINE, UNKNOWN;

    /** As {@code AmdCompleted.result} has it. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private static final int RATE_KHZ = 8;
  /** About -47 dBFS: quieter frames are never speech. */
  private static final double MIN_RMS = 150;
  /** Speech is 12 dB above the noise floor. */
  private static final double MARGIN = 4;
  /** The noise floor is the quietest frame of the last 1.5 s (speech always has gaps that short). */
  private static final int FLOOR_FRAMES = 75;
  private static final float VAD_SPEECH = 0.3f;

  private final AmdSettings settings;
  private final BeepDetector beep = new BeepDetector();
  private final double[] recent = new double[FLOOR_FRAMES];
  private int recentAt;
  private float vadProbability = Float.NaN;
  private long position;
  private long greetingStart = -1;
  private long lastSpeech = -1;
  private int runSamples;
  private int silenceSamples;
  private boolean inWord;
  private int words;
  private Verdict verdict = Verdict.PENDING;
  private long decidedAt = -1;
  private String reason = "";
  boolean lastFrameSpeech; // for tracing in tests

  public AmdDetector(AmdSettings settings) {
    this.settings = settings;
  }

  /** The latest voice activity probability of the caller's audio (the conversation's VAD windows). */
  public void voiceActivity(float probability) {
    vadProbability = probability;
  }

  /** Takes the next frame of the answering side's audio (8 kHz); returns the verdict so far. */
  public Verdict accept(short[] frame, int offset, int length) {
    double rms = rms(frame, offset, length);
    recent[recentAt++ % recent.length] = Math.max(rms, 1);
    double floor = Double.MAX_VALUE;
    for (int i = 0, n = Math.min(recentAt, recent.length); i < n; i++) {
      floor = Math.min(floor, recent[i]);
    }
    boolean loud = rms > Math.max(floor * MARGIN, MIN_RMS);
    boolean speech = loud && (Float.isNaN(vadProbability) || vadProbability >= VAD_SPEECH);
    lastFrameSpeech = speech;
    boolean beepEnded = beep.accept(frame, offset, length);
    position += length;
    track(speech, length);
    if (verdict == Verdict.PENDING) {
      decide(beepEnded);
    }
    return verdict;
  }

  private void track(boolean speech, int length) {
    if (speech) {
      runSamples += length;
      silenceSamples = 0;
      if (!inWord && runSamples >= settings.minWordMs() * RATE_KHZ) {
        inWord = true;
        words++;
        if (greetingStart < 0) {
          greetingStart = position - runSamples;
        }
      }
      if (inWord) {
        lastSpeech = position;
      }
    } else {
      silenceSamples += length;
      if (silenceSamples >= settings.wordGapMs() * RATE_KHZ) {
        inWord = false;
        runSamples = 0;
      }
    }
  }

  private void decide(boolean beepEnded) {
    long ms = position / RATE_KHZ;
    if (beepEnded) {
      decide(Verdict.MACHINE, "beep");
    } else if (greetingStart < 0 && ms >= settings.initialSilenceMs()) {
      decide(Verdict.MACHINE, "initial_silence");
    } else if (greetingStart >= 0 && (lastSpeech - greetingStart) / RATE_KHZ >= settings.maxGreetingMs()) {
      decide(Verdict.MACHINE, "long_greeting");
    } else if (words >= settings.maxWords()) {
      decide(Verdict.MACHINE, "many_words");
    } else if (greetingStart >= 0 && silenceMs() >= settings.afterGreetingSilenceMs() && !beep.toneSounding()) {
      decide(Verdict.HUMAN, "short_greeting");
    } else if (ms >= settings.timeoutMs()) {
      decide(Verdict.UNKNOWN, "timeout");
    }
  }

  private void decide(Verdict v, String why) {
    verdict = v;
    reason = why;
    decidedAt = position;
  }

  public Verdict verdict() {
    return verdict;
  }

  /** Which cue decided: beep, initial_silence, long_greeting, many_words, short_greeting or timeout. */
  public String reason() {
    return reason;
  }

  /** Milliseconds of audio when the verdict came, -1 while pending. */
  public long decisionMs() {
    return decidedAt < 0 ? -1 : decidedAt / RATE_KHZ;
  }

  /** Milliseconds of audio given so far. */
  public long elapsedMs() {
    return position / RATE_KHZ;
  }

  /** Milliseconds since the last word (since the start when nobody spoke). */
  public long silenceMs() {
    return (position - Math.max(lastSpeech, 0)) / RATE_KHZ;
  }

  /** Whether anybody has said a word yet. */
  public boolean greetingStarted() {
    return greetingStart >= 0;
  }

  /** Words counted so far. */
  public int words() {
    return words;
  }

  /** The beep tracker (it runs on every frame). */
  public BeepDetector beep() {
    return beep;
  }

  private static double rms(short[] pcm, int offset, int length) {
    double sum = 0;
    for (int i = offset; i < offset + length; i++) {
      sum += (double) pcm[i] * pcm[i];
    }
    return length == 0 ? 0 : Math.sqrt(sum / length);
  }
}
