package dev.voiceengine.control.store;

/**
 * What one call used of its speech and language providers, as the engine reported it when the call ended. A
 * capability the call did not use is null.
 */
public record CallUsage(UsedProvider stt, UsedProvider llm, UsedProvider tts) {
  /** Capability names as stored and shown in the API. */
  public static final String STT = "stt";
  public static final String LLM = "llm";
  public static final String TTS = "tts";

  /** Whether no capability was used. */
  public boolean isEmpty() {
    return stt == null && llm == null && tts == null;
  }
}
