package dev.voiceengine.conversation.amd;

/**
 * The thresholds of {@link AmdDetector}, in milliseconds of call audio. The defaults were tuned on the tuning half of
 * the generated greeting set (the held-out half scores them; see benchmarks/RESULTS.md). The greeting limit is long
 * because live receptionists say up to ~4 s ("Good morning, City Dental, this is Ana, how can I help you?") and a
 * person taken for a machine is the costly error (hung up on, or played a voicemail); the timeout sits after it so
 * that a long greeting is still called a machine. Word counting is off by default (energy-split "words" did not
 * separate the classes on the tuning set).
 *
 * @param timeoutMs            no verdict by then: "unknown" (treated as a person)
 * @param initialSilenceMs     nobody spoke for this long after the answer: a machine (a silent box before its beep)
 * @param maxGreetingMs        a greeting still going this long after its first word: a machine
 * @param afterGreetingSilenceMs silence this long after a short greeting: a person waiting for an answer
 * @param minWordMs            shorter bursts of sound are clicks or noise, not words
 * @param maxWords             this many words separated by pauses before the greeting ends: a machine
 * @param wordGapMs            silence that separates two words
 */
public record AmdSettings(
    int timeoutMs,
    int initialSilenceMs,
    int maxGreetingMs,
    int afterGreetingSilenceMs,
    int minWordMs,
    int maxWords,
    int wordGapMs) {

  public static final AmdSettings DEFAULTS = new AmdSettings(5000, 3000, 3800, 800, 100, 99, 200);

  public AmdSettings {
    if (timeoutMs <= 0 || initialSilenceMs <= 0 || maxGreetingMs <= 0 || afterGreetingSilenceMs <= 0
        || minWordMs <= 0 || maxWords <= 0 || wordGapMs <= 0) {
      throw new IllegalArgumentException("AMD thresholds must be positive");
    }
  }

  /** The defaults with another timeout (the agent config's knob). */
  public AmdSettings withTimeout(int ms) {
    return new AmdSettings(ms, initialSilenceMs, maxGreetingMs, afterGreetingSilenceMs, minWordMs, maxWords,
        wordGapMs);
  }
}
