package dev.voiceengine.conversation.turn;

/**
 * How an agent takes turns.
 *
 * @param endpointSilenceMs     silence after the caller's speech that ends the caller's turn
 * @param finalSilenceMs        shorter silence that ends the turn once a final transcript has arrived
 * @param minSpeechMs           speech shorter than this is not the start of a turn (clicks, breaths)
 * @param minInterruptionMs     speech over the agent must last this long to interrupt it
 * @param minInterruptionWords  or contain this many recognised words (0: words are not counted)
 * @param interruptible         whether the caller can interrupt the agent at all
 * @param speechThreshold       speech probability at which speech starts
 * @param silenceThreshold      speech probability below which speech stops (hysteresis, below speechThreshold)
 * @param burstGapMs            a pause this long ends a burst that did not become a turn or an interruption
 */
public record TurnSettings(
    int endpointSilenceMs,
    int finalSilenceMs,
    int minSpeechMs,
    int minInterruptionMs,
    int minInterruptionWords,
    boolean interruptible,
    float speechThreshold,
    float silenceThreshold,
    int burstGapMs) {

  public static final TurnSettings DEFAULTS = new TurnSettings(600, 300, 120, 300, 0, true, 0.5f, 0.35f, 160);

  public TurnSettings {
    require(endpointSilenceMs >= 100 && endpointSilenceMs <= 10_000, "endpoint_silence_ms must be 100..10000");
    require(finalSilenceMs >= 0 && finalSilenceMs <= endpointSilenceMs,
        "final_silence_ms must be 0..endpoint_silence_ms");
    require(minSpeechMs >= 0 && minSpeechMs <= 2_000, "min_speech_ms must be 0..2000");
    require(minInterruptionMs >= 0 && minInterruptionMs <= 5_000, "min_interruption_ms must be 0..5000");
    require(minInterruptionWords >= 0 && minInterruptionWords <= 20, "min_interruption_words must be 0..20");
    require(speechThreshold > 0 && speechThreshold < 1, "speech_threshold must be between 0 and 1");
    require(silenceThreshold > 0 && silenceThreshold <= speechThreshold,
        "silence_threshold must be between 0 and speech_threshold");
    require(burstGapMs >= 20 && burstGapMs <= endpointSilenceMs, "burst_gap_ms must be 20..endpoint_silence_ms");
  }

  /** These settings with other timings (null keeps the current value). */
  public TurnSettings with(Integer endpointSilence, Integer minInterruption, Integer minWords, Boolean canInterrupt) {
    int endpoint = endpointSilence == null ? endpointSilenceMs : endpointSilence;
    return new TurnSettings(endpoint, Math.min(finalSilenceMs, endpoint), minSpeechMs,
        minInterruption == null ? minInterruptionMs : minInterruption,
        minWords == null ? minInterruptionWords : minWords,
        canInterrupt == null ? interruptible : canInterrupt, speechThreshold, silenceThreshold,
        Math.min(burstGapMs, endpoint));
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
