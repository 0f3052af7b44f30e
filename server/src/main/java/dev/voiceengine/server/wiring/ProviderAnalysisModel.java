package dev.voiceengine.server.wiring;

import dev.voiceengine.control.analysis.AnalysisModel;
import dev.voiceengine.conversation.provider.Cancellable;
import dev.voiceengine.conversation.provider.LanguageModel;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.Message;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.Usage;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Call analysis by the engine's language-model provider (the same gRPC contract the conversations use), so an
 * OpenAI-compatible model behind the provider analyses calls without a second client. The control plane starts
 * before the providers: until {@link #attach} is called, an analysis waits for them (bounded by the deadline).
 */
public final class ProviderAnalysisModel implements AnalysisModel {
  /** How long one analysis may take, providers' start included. */
  static final Duration DEADLINE = Duration.ofMinutes(2);

  private final CompletableFuture<LanguageModel> model = new CompletableFuture<>();
  private final Duration deadline;

  public ProviderAnalysisModel() {
    this(DEADLINE);
  }

  ProviderAnalysisModel(Duration deadline) {
    this.deadline = deadline;
  }

  /** The provider to use, once it runs. */
  public void attach(LanguageModel languageModel) {
    model.complete(languageModel);
  }

  @Override
  public String complete(String modelName, String instructions, String prompt) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    LanguageModel llm = model.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    GenerateRequest request = GenerateRequest.newBuilder()
        .setInstructions(instructions)
        .addMessages(Message.newBuilder().setRole(Message.Role.USER).setText(prompt))
        .setModel(modelName)
        .putContext("purpose", "post_call_analysis")
        .build();
    CompletableFuture<String> answer = new CompletableFuture<>();
    StringBuilder text = new StringBuilder();
    Cancellable call = llm.generate(request, new LanguageModel.Listener() {
      @Override
      public void onText(String delta) {
        synchronized (text) {
          text.append(delta);
        }
      }

      @Override
      public void onToolCall(ToolCall call) {
        // no tools are declared for analysis
      }

      @Override
      public void onUsage(Usage usage) {
        // analysis is not billed to the call
      }

      @Override
      public void onCompleted() {
        synchronized (text) {
          answer.complete(text.toString());
        }
      }

      @Override
      public void onError(ProviderException error) {
        answer.completeExceptionally(error);
      }
    });
    try {
      return answer.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | InterruptedException e) {
      call.cancel();
      throw e;
    }
  }
}
