package dev.voiceengine.conversation;

import dev.voiceengine.proto.control.v1.ProviderUsage;
import dev.voiceengine.proto.control.v1.ProviderUse;
import dev.voiceengine.proto.provider.v1.Usage;

/** What one call used of its providers, for CallEnded. The call's loop only. */
final class UsageMeter {
  private final ProviderSet providers;
  private long sttSamples;
  private long sttRequests;
  private String sttModel = "";
  private long llmIn;
  private long llmOut;
  private long llmRequests;
  private String llmModel = "";
  private long ttsCharacters;
  private long ttsRequests;

  UsageMeter(ProviderSet providers) {
    this.providers = providers;
    this.sttModel = providers.sttModel();
    this.llmModel = providers.llmModel();
  }

  void sttStream() {
    sttRequests++;
  }

  void sttAudio(int samples) {
    sttSamples += samples;
  }

  void sttModel(String model) {
    if (model != null && !model.isEmpty()) {
      sttModel = model;
    }
  }

  void llmRequest() {
    llmRequests++;
  }

  void llmUsage(Usage usage) {
    llmIn += usage.getInputTokens();
    llmOut += usage.getOutputTokens();
    if (!usage.getModel().isEmpty()) {
      llmModel = usage.getModel();
    }
  }

  void ttsRequest(String text) {
    ttsRequests++;
    ttsCharacters += text.length();
  }

  ProviderUsage snapshot() {
    return ProviderUsage.newBuilder()
        .setStt(ProviderUse.newBuilder().setProvider(providers.sttName()).setModel(sttModel)
            .setAudioSeconds(sttSamples / 8000.0).setRequests(sttRequests))
        .setLlm(ProviderUse.newBuilder().setProvider(providers.llmName()).setModel(llmModel)
            .setInputTokens(llmIn).setOutputTokens(llmOut).setRequests(llmRequests))
        .setTts(ProviderUse.newBuilder().setProvider(providers.ttsName()).setModel(providers.ttsModel())
            .setCharacters(ttsCharacters).setRequests(ttsRequests))
        .build();
  }
}
