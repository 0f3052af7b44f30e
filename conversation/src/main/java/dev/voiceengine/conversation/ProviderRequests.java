package dev.voiceengine.conversation;

import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.media.CallContext;
import dev.voiceengine.proto.control.v1.ProviderFailed;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.Message;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import java.util.List;

/** The requests one call's conversation makes of its providers, and how a provider's failure is recorded. */
final class ProviderRequests {
  private final CallContext ctx;
  private final AgentProfile profile;
  private final ProviderSet providers;
  private final RecognitionConfig recognition;
  private final SynthesisRequest voice;

  ProviderRequests(CallContext ctx, AgentProfile profile, ProviderSet providers) {
    this.ctx = ctx;
    this.profile = profile;
    this.providers = providers;
    this.recognition = RecognitionConfig.newBuilder().setLanguage(profile.language())
        .addAllPhrases(profile.phrases()).setInterimResults(true).setCallId(ctx.callId())
        .setModel(providers.sttModel()).build();
    this.voice = SynthesisRequest.newBuilder().setVoice(profile.voice()).setSampleRate(8000)
        .setLanguage(profile.language()).setCallId(ctx.callId()).setModel(providers.ttsModel()).build();
  }

  /** How each caller turn is recognised: the agent's phrases as hints, interim results wanted. */
  RecognitionConfig recognition() {
    return recognition;
  }

  /** How the agent's replies are spoken (text filled in per sentence). */
  SynthesisRequest voice() {
    return voice;
  }

  /** The model's request for a reply to {@code callerText}, after the conversation so far. */
  GenerateRequest generate(List<Message> history, String callerText) {
    return GenerateRequest.newBuilder()
        .setAgentId(profile.agentId())
        .setInstructions(profile.instructions())
        .addAllMessages(history)
        .addMessages(Message.newBuilder().setRole(Message.Role.USER).setText(callerText))
        .addAllTools(profile.tools())
        .putAllContext(ctx.details())
        .putContext("call_id", ctx.callId())
        .setModel(providers.llmModel())
        .build();
  }

  /** The record of a provider's failure at {@code atMs} of the call, and what the agent did about it. */
  ProviderFailed failure(ProviderException error, String action, long atMs) {
    Capability c = error.capability();
    return ProviderFailed.newBuilder().setCapability(c.key()).setProvider(providers.name(c)).setCode(error.code())
        .setMessage(error.getMessage() == null ? "" : error.getMessage()).setAtMs(atMs).setAction(action).build();
  }
}
