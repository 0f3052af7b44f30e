package dev.voiceengine.conversation.provider.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.conversation.provider.LanguageModel;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.conversation.provider.SpeechToText;
import dev.voiceengine.conversation.provider.TextToSpeech;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.Usage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a provider delivers, and anything delivered after the end or a second end. */
class RecordingListener implements SpeechToText.Listener, LanguageModel.Listener, TextToSpeech.Listener {
  final List<Object> events = new CopyOnWriteArrayList<>();
  final AtomicInteger ends = new AtomicInteger();
  final AtomicInteger afterEnd = new AtomicInteger();
  private final CountDownLatch ended = new CountDownLatch(1);
  private volatile ProviderException error;

  void event(Object event) {
    if (ends.get() > 0) {
      afterEnd.incrementAndGet();
    }
    events.add(event);
  }

  @Override
  public void onRecognition(Recognition recognition) {
    event(recognition);
  }

  @Override
  public void onText(String delta) {
    event(delta);
  }

  @Override
  public void onToolCall(ToolCall call) {
    event(call);
  }

  @Override
  public void onUsage(Usage usage) {
    event(usage);
  }

  @Override
  public void onAudio(short[] pcm) {
    event(pcm);
  }

  @Override
  public void onCompleted() {
    ends.incrementAndGet();
    events.add("completed");
    ended.countDown();
  }

  @Override
  public void onError(ProviderException e) {
    ends.incrementAndGet();
    error = e;
    events.add(e);
    ended.countDown();
  }

  void awaitEnd() throws InterruptedException {
    assertThat(ended.await(10, TimeUnit.SECONDS)).as("the request ended").isTrue();
  }

  ProviderException awaitError() throws InterruptedException {
    awaitEnd();
    assertThat(error).as("ended with an error: " + events).isNotNull();
    return error;
  }

  void awaitCompleted() throws InterruptedException {
    awaitEnd();
    assertThat(events).as("completed").endsWith("completed");
  }

  /** Exactly one end, and nothing after it. */
  void assertCleanEnd() {
    assertThat(ends).hasValue(1);
    assertThat(afterEnd).hasValue(0);
  }
}
