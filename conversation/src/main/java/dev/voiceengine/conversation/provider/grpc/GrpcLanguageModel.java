package dev.voiceengine.conversation.provider.grpc;

import dev.voiceengine.conversation.provider.Cancellable;
import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.LanguageModel;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import io.grpc.Channel;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link LanguageModel} over the {@code voice.provider.v1.LanguageModel/Generate} contract, for an embedded
 * (in-process) or remote provider alike. A reply that starts late or runs long ends with {@code DEADLINE_EXCEEDED};
 * {@link Cancellable#cancel()} (barge-in) cancels the RPC at once.
 *
 * <p>Callbacks run on the channel's executor, which must not be a direct executor: they are provider threads, and
 * listeners hop to their call's loop. {@code scheduler} is the engine's shared timer; give it a
 * {@link java.util.concurrent.ScheduledThreadPoolExecutor} with {@code setRemoveOnCancelPolicy(true)} so that the
 * deadlines of finished requests do not linger in its queue.
 */
public final class GrpcLanguageModel implements LanguageModel {
  private final LanguageModelGrpc.LanguageModelStub stub;
  private final ServerStreamRequest.Waits waits;
  private final ScheduledExecutorService scheduler;

  public GrpcLanguageModel(Channel channel, ProviderDeadlines deadlines, ScheduledExecutorService scheduler) {
    this.stub = LanguageModelGrpc.newStub(Objects.requireNonNull(channel, "channel"));
    Objects.requireNonNull(deadlines, "deadlines");
    this.waits = new ServerStreamRequest.Waits(deadlines.llmFirstEvent(), "event", deadlines.llmTotal());
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
  }

  @Override
  public Cancellable generate(GenerateRequest request, Listener listener) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(listener, "listener");
    return ServerStreamRequest.start(
        Capability.LLM, scheduler, waits, new Events(listener), observer -> stub.generate(request, observer));
  }

  /** One event of the reply, by kind; an event of an unknown kind (a newer contract) is skipped. */
  private record Events(Listener listener) implements ServerStreamRequest.Handler<GenerateEvent> {
    @Override
    public boolean handle(GenerateEvent event) {
      switch (event.getKindCase()) {
        case TEXT_DELTA -> listener.onText(event.getTextDelta());
        case TOOL_CALL -> listener.onToolCall(event.getToolCall());
        case USAGE -> listener.onUsage(event.getUsage());
        case KIND_NOT_SET -> {}
      }
      return true;
    }

    @Override
    public void onCompleted() {
      listener.onCompleted();
    }

    @Override
    public void onError(ProviderException error) {
      listener.onError(error);
    }
  }
}
