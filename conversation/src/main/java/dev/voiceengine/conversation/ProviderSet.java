package dev.voiceengine.conversation;

import dev.voiceengine.conversation.provider.LanguageModel;
import dev.voiceengine.conversation.provider.SpeechToText;
import dev.voiceengine.conversation.provider.TextToSpeech;
import java.util.Objects;

/**
 * The providers a conversation uses, with the names they are known by in configuration and on call records
 * (e.g. "embedded:sphinx4", "grpc://10.0.0.5:7000") and the model asked of each (empty: the provider's default).
 */
public record ProviderSet(
    SpeechToText stt, String sttName, String sttModel,
    LanguageModel llm, String llmName, String llmModel,
    TextToSpeech tts, String ttsName, String ttsModel) {

  public ProviderSet {
    Objects.requireNonNull(stt, "stt");
    Objects.requireNonNull(llm, "llm");
    Objects.requireNonNull(tts, "tts");
    sttName = sttName == null ? "" : sttName;
    llmName = llmName == null ? "" : llmName;
    ttsName = ttsName == null ? "" : ttsName;
    sttModel = sttModel == null ? "" : sttModel;
    llmModel = llmModel == null ? "" : llmModel;
    ttsModel = ttsModel == null ? "" : ttsModel;
  }

  String name(dev.voiceengine.conversation.provider.Capability capability) {
    return switch (capability) {
      case STT -> sttName;
      case LLM -> llmName;
      case TTS -> ttsName;
    };
  }
}
