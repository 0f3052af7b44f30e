package dev.voiceengine.conversation.provider.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.conversation.provider.Cancellable;
import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.Usage;
import dev.voiceengine.testsupport.providers.InProcessProvider;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcLanguageModelTest {
  private static final Duration LONG = Duration.ofSeconds(30);

  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final ExecutorService serverThreads = Executors.newCachedThreadPool();
  private final CountDownLatch serverCancelled = new CountDownLatch(1);
  private InProcessProvider provider;

  GrpcLanguageModelTest() {
    scheduler.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (provider != null) {
      provider.close();
    }
    serverThreads.shutdownNow();
    scheduler.shutdownNow();
  }

  private GrpcLanguageModel model(
      Duration first, Duration total, BiConsumer<GenerateRequest, ServerCallStreamObserver<GenerateEvent>> server)
      throws Exception {
    provider =
        InProcessProvider.start(
            new LanguageModelGrpc.LanguageModelImplBase() {
              @Override
              public void generate(GenerateRequest request, StreamObserver<GenerateEvent> responses) {
                ServerCallStreamObserver<GenerateEvent> call = (ServerCallStreamObserver<GenerateEvent>) responses;
                call.setOnCancelHandler(serverCancelled::countDown);
                server.accept(request, call);
              }
            });
    ProviderDeadlines d = ProviderDeadlines.DEFAULTS;
    ProviderDeadlines deadlines =
        new ProviderDeadlines(
            d.sttMaxStream(), d.sttFinalResult(), d.sttMaxLag(), first, total, d.ttsFirstAudio(), d.ttsTotal());
    return new GrpcLanguageModel(provider.channel(), deadlines, scheduler);
  }

  private static GenerateEvent text(String delta) {
    return GenerateEvent.newBuilder().setTextDelta(delta).build();
  }

  @Test
  void deliversDeltasToolCallAndUsageInOrderThenCompletes() throws Exception {
    ToolCall call = ToolCall.newBuilder().setId("t1").setName("end_call").setArgumentsJson("{}").build();
    Usage usage = Usage.newBuilder().setInputTokens(12).setOutputTokens(5).setModel("scripted").build();
    GrpcLanguageModel model =
        model(
            LONG,
            LONG,
            (request, out) -> {
              out.onNext(text("Hello " + request.getAgentId()));
              out.onNext(text(", goodbye."));
              out.onNext(GenerateEvent.newBuilder().setToolCall(call).build());
              out.onNext(GenerateEvent.getDefaultInstance()); // a kind this engine does not know: skipped
              out.onNext(GenerateEvent.newBuilder().setUsage(usage).build());
              out.onCompleted();
            });
    RecordingListener listener = new RecordingListener();
    model.generate(GenerateRequest.newBuilder().setAgentId("dental").build(), listener);

    listener.awaitCompleted();
    assertThat(listener.events).containsExactly("Hello dental", ", goodbye.", call, usage, "completed");
    listener.assertCleanEnd();
    assertThat(scheduler.getQueue()).as("deadline tasks of a finished request").isEmpty();
  }

  @Test
  void serverErrorKeepsItsCodeAndDescription() throws Exception {
    GrpcLanguageModel model =
        model(
            LONG,
            LONG,
            (request, out) ->
                out.onError(Status.FAILED_PRECONDITION.withDescription("no script for agent x").asRuntimeException()));
    RecordingListener listener = new RecordingListener();
    model.generate(GenerateRequest.newBuilder().setAgentId("x").build(), listener);

    ProviderException error = listener.awaitError();
    assertThat(error.capability()).isEqualTo(Capability.LLM);
    assertThat(error.code()).isEqualTo("FAILED_PRECONDITION");
    assertThat(error.getMessage()).contains("no script for agent x");
    assertThat(error.retryable()).isFalse();
    listener.assertCleanEnd();
  }

  @Test
  void silentProviderMissesTheFirstEventDeadlineAndIsCancelled() throws Exception {
    GrpcLanguageModel model = model(Duration.ofMillis(200), LONG, (request, out) -> {});
    RecordingListener listener = new RecordingListener();
    long start = System.nanoTime();
    model.generate(GenerateRequest.getDefaultInstance(), listener);

    ProviderException error = listener.awaitError();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(error.code()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(error.getMessage()).isEqualTo("llm provider: sent no event within 200 ms");
    assertThat(serverCancelled.await(10, TimeUnit.SECONDS)).as("the provider saw the cancellation").isTrue();
    listener.assertCleanEnd();
    assertThat(scheduler.getQueue()).isEmpty();
  }

  @Test
  void trickleOfEventsPassesTheFirstDeadlineButNotTheTotal() throws Exception {
    GrpcLanguageModel model =
        model(Duration.ofMillis(200), Duration.ofMillis(600), (request, out) -> trickle(out, 50));
    RecordingListener listener = new RecordingListener();
    model.generate(GenerateRequest.getDefaultInstance(), listener);

    ProviderException error = listener.awaitError();
    assertThat(error.code()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(error.getMessage()).isEqualTo("llm provider: did not finish within 600 ms");
    assertThat(listener.events).hasSizeGreaterThan(2);
    assertThat(serverCancelled.await(10, TimeUnit.SECONDS)).isTrue();
    provider.closedCalls.await(1); // everything the provider sent before the cancel has been handed over
    assertThat(listener.events).as("nothing after the error").last().isInstanceOf(ProviderException.class);
    listener.assertCleanEnd();
  }

  @Test
  void cancelStopsTheProviderAndNothingMoreArrives() throws Exception {
    GrpcLanguageModel model = model(LONG, LONG, (request, out) -> trickle(out, 1));
    CompletableFuture<Cancellable> handle = new CompletableFuture<>();
    RecordingListener listener =
        new RecordingListener() {
          @Override
          public void onText(String delta) {
            super.onText(delta);
            if (events.size() == 3) {
              handle.join().cancel(); // barge-in, from inside a callback
            }
          }
        };
    handle.complete(model.generate(GenerateRequest.getDefaultInstance(), listener));

    assertThat(serverCancelled.await(10, TimeUnit.SECONDS)).as("the provider saw the cancellation").isTrue();
    provider.closedCalls.await(1);
    assertThat(listener.events).containsExactly("0", "1", "2");
    assertThat(listener.ends).hasValue(0);
    handle.join().cancel(); // twice: nothing
    assertThat(scheduler.getQueue()).isEmpty();
  }

  @Test
  void cancelFromAnotherThreadEndsDeliveryWhenItReturns() throws Exception {
    CountDownLatch streaming = new CountDownLatch(5);
    GrpcLanguageModel model =
        model(
            LONG,
            LONG,
            (request, out) -> {
              serverThreads.execute(
                  () -> {
                    for (int i = 0; !out.isCancelled(); i++) {
                      if (out.isReady()) { // as fast as the engine reads
                        out.onNext(text(Integer.toString(i)));
                        streaming.countDown();
                      } else {
                        LockSupport.parkNanos(100_000);
                      }
                    }
                  });
            });
    RecordingListener listener = new RecordingListener();
    Cancellable request = model.generate(GenerateRequest.getDefaultInstance(), listener);
    assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();

    request.cancel();
    int delivered = listener.events.size();
    assertThat(serverCancelled.await(10, TimeUnit.SECONDS)).isTrue();
    provider.closedCalls.await(1);
    assertThat(listener.events).hasSize(delivered);
    assertThat(listener.ends).hasValue(0);
  }

  @Test
  void burstOfRequestsLeavesNoDeadlineTaskBehind() throws Exception {
    GrpcLanguageModel model =
        model(
            LONG,
            LONG,
            (request, out) -> {
              switch (request.getAgentId()) {
                case "ok" -> {
                  out.onNext(text("hi"));
                  out.onCompleted();
                }
                case "fail" -> out.onError(Status.UNAVAILABLE.asRuntimeException());
                default -> {} // cancelled by the engine
              }
            });
    List<RecordingListener> listeners = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      String kind = List.of("ok", "fail", "hang").get(i % 3);
      RecordingListener listener = new RecordingListener();
      listeners.add(listener);
      Cancellable request = model.generate(GenerateRequest.newBuilder().setAgentId(kind).build(), listener);
      if (kind.equals("hang")) {
        request.cancel();
      }
    }
    for (int i = 0; i < listeners.size(); i++) {
      if (i % 3 != 2) {
        listeners.get(i).awaitEnd();
        listeners.get(i).assertCleanEnd();
      }
    }
    assertThat(listeners.get(1).awaitError().getMessage())
        .isEqualTo("llm provider failed (UNAVAILABLE): the provider ended the request without a description");
    assertThat(scheduler.getQueue()).as("scheduled deadline tasks").isEmpty();
    assertThat(scheduler.getActiveCount()).isZero();
  }

  /** Sends a delta every {@code periodMs} until the engine cancels. */
  private void trickle(ServerCallStreamObserver<GenerateEvent> out, long periodMs) {
    serverThreads.execute(
        () -> {
          for (int i = 0; !out.isCancelled(); i++) {
            out.onNext(text(Integer.toString(i)));
            try {
              Thread.sleep(periodMs);
            } catch (InterruptedException e) {
              return;
            }
          }
        });
  }
}
