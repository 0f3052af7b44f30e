package dev.voiceengine.providers.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.Message;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A cancelled call (barge-in) gets nothing more: no further deltas, no tool call, no completion. */
class CancellationTest {
  /** A server stream whose caller cancels after {@code cancelAfter} events. */
  private static final class Recording extends ServerCallStreamObserver<GenerateEvent> {
    final List<GenerateEvent> events = new ArrayList<>();
    final int cancelAfter;
    boolean completed;
    Runnable onCancel;

    Recording(int cancelAfter) {
      this.cancelAfter = cancelAfter;
    }

    @Override
    public boolean isCancelled() {
      return events.size() >= cancelAfter;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
      onCancel = handler;
    }

    @Override
    public void setCompression(String compression) {}

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void onNext(GenerateEvent value) {
      events.add(value);
    }

    @Override
    public void onError(Throwable t) {
      throw new AssertionError("unexpected error", t);
    }

    @Override
    public void onCompleted() {
      completed = true;
    }
  }

  private static final GenerateRequest GOODBYE = GenerateRequest.newBuilder().setAgentId("reception")
      .addMessages(Message.newBuilder().setRole(Message.Role.USER).setText("no thanks goodbye")).build();

  private final ScriptedLanguageModel model = new ScriptedLanguageModel(Map.of("reception", AgentScript.reception()));

  @Test
  void stopsEmittingOnceCancelled() {
    Recording out = new Recording(1);
    model.generate(GOODBYE, out);
    assertThat(out.events).hasSize(1);
    assertThat(out.events.get(0).hasTextDelta()).isTrue();
    assertThat(out.completed).isFalse();
    assertThat(out.onCancel).as("a cancel handler keeps late writes harmless").isNotNull();
  }

  @Test
  void completesWhenNotCancelled() {
    Recording out = new Recording(Integer.MAX_VALUE);
    model.generate(GOODBYE, out);
    assertThat(out.completed).isTrue();
    assertThat(out.events).anyMatch(GenerateEvent::hasToolCall);
    assertThat(out.events.get(out.events.size() - 1).hasUsage()).isTrue();
  }
}
