package dev.voiceengine.server.config;

/**
 * Which providers the conversation uses. Defaults run offline, in process: Sphinx4 for speech recognition, the
 * scripted agent as the language model, FreeTTS for speech.
 */
public record ProvidersConfig(ProviderConfig stt, ProviderConfig llm, ProviderConfig tts) {
  public static final String SPHINX4 = "embedded:sphinx4";
  public static final String SCRIPTED = "embedded:scripted";
  public static final String FREETTS = "embedded:freetts";

  public ProvidersConfig {
    stt = stt == null ? ProviderConfig.of(SPHINX4) : stt;
    llm = llm == null ? ProviderConfig.of(SCRIPTED) : llm;
    tts = tts == null ? ProviderConfig.of(FREETTS) : tts;
  }
}
