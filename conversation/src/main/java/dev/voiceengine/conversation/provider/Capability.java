package dev.voiceengine.conversation.provider;

/** The three things a provider does, named as in events and configuration. */
public enum Capability {
  STT("stt"),
  LLM("llm"),
  TTS("tts");

  private final String key;

  Capability(String key) {
    this.key = key;
  }

  /** "stt", "llm" or "tts". */
  public String key() {
    return key;
  }
}
