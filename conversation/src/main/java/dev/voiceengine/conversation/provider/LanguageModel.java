package dev.voiceengine.conversation.provider;

import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.Usage;

/** The agent's brain: a streamed reply to the conversation so far. */
public interface LanguageModel {
  /**
   * Starts generating. Events go to {@code listener} on a provider thread, in order; exactly one of
   * {@link Listener#onCompleted()} or {@link Listener#onError} ends it (none after cancel).
   */
  Cancellable generate(GenerateRequest request, Listener listener);

  interface Listener {
    void onText(String delta);

    void onToolCall(ToolCall call);

    void onUsage(Usage usage);

    void onCompleted();

    void onError(ProviderException error);
  }
}
