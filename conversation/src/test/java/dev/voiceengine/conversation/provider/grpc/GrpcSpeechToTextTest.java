package dev.voiceengine.conversation.provider.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.conversation.provider.SpeechToText;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.testsupport.providers.InProcessProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcSpeechToTextTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final int RATE = 8000;
  private static final int FRAME = 160; // 20 ms
  private static final RecognitionConfig INTERIM =
      RecognitionConfig.newBuilder().setLanguage("en-US").setInterimResults(true).setCallId("c1").build();

  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final ScheduledExecutorService serverClock = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService callLoop = Executors.newSingleThreadExecutor();
  private FakeRecognizer recognizer;
  private InProcessProvider provider;

  GrpcSpeechToTextTest() {
    scheduler.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (provider != null) {
      provider.close();
    }
    serverClock.shutdownNow();
    callLoop.shutdownNow();
    scheduler.shutdownNow();
  }

  private GrpcSpeechToText stt(boolean manualFlow, Duration maxStream, Duration finalResult, Duration maxLag)
      throws Exception {
    recognizer = new FakeRecognizer(manualFlow);
    provider = InProcessProvider.start(recognizer);
    ProviderDeadlines d = ProviderDeadlines.DEFAULTS;
    ProviderDeadlines deadlines =
        new ProviderDeadlines(
            maxStream, finalResult, maxLag, d.llmFirstEvent(), d.llmTotal(), d.ttsFirstAudio(), d.ttsTotal());
    return new GrpcSpeechToText(provider.channel(), deadlines, scheduler);
  }

  private GrpcSpeechToText stt() throws Exception {
    return stt(false, LONG, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /** Frame {@code f} of a test signal whose samples differ in both bytes. */
  private static short[] frame(int f) {
    short[] pcm = new short[FRAME];
    for (int i = 0; i < FRAME; i++) {
      pcm[i] = (short) ((f * FRAME + i) * 257 - 20000);
    }
    return pcm;
  }

  private static ByteString littleEndian(int frames) {
    byte[] bytes = new byte[frames * FRAME * 2];
    for (int f = 0; f < frames; f++) {
      short[] pcm = frame(f);
      for (int i = 0; i < FRAME; i++) {
        int at = 2 * (f * FRAME + i);
        bytes[at] = (byte) (pcm[i] & 0xff);
        bytes[at + 1] = (byte) ((pcm[i] >> 8) & 0xff);
      }
    }
    return ByteString.copyFrom(bytes);
  }

  private static void sendFrames(SpeechToText.Stream stream, int from, int to) {
    for (int f = from; f < to; f++) {
      short[] padded = new short[FRAME + 2];
      System.arraycopy(frame(f), 0, padded, 1, FRAME);
      stream.send(padded, 1, FRAME);
    }
  }

  @Test
  void streamsConfigThenLittleEndianAudioAndGetsInterimsThenTheFinal() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream = stt().open(INTERIM, RATE, listener);
    sendFrames(stream, 0, 25);
    stream.finish();

    listener.awaitCompleted();
    assertThat(recognizer.first.getConfig()).isEqualTo(INTERIM);
    assertThat(recognizer.first.getSampleRate()).isEqualTo(RATE);
    assertThat(recognizer.audio()).isEqualTo(littleEndian(25));
    List<Object> events = listener.events;
    assertThat(events.size()).isGreaterThan(2);
    for (Object interim : events.subList(0, events.size() - 2)) {
      assertThat(((Recognition) interim).getIsFinal()).isFalse();
    }
    Recognition last = (Recognition) events.get(events.size() - 2);
    assertThat(last.getIsFinal()).isTrue();
    assertThat(last.getText()).isEqualTo("total:8000");
    List<Integer> sizes = recognizer.messageBytes;
    assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(0, 1600));
    assertThat(sizes.subList(1, sizes.size() - 1)).as("audio batched into 40 ms or more").allSatisfy(
        size -> assertThat(size).isGreaterThanOrEqualTo(640));
    listener.assertCleanEnd();
    assertThat(scheduler.getQueue()).as("deadline tasks of a finished stream").isEmpty();
  }

  @Test
  void providerErrorReachesTheListenerWithItsCode() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream = stt().open(INTERIM.toBuilder().setModel("fail").build(), RATE, listener);
    sendFrames(stream, 0, 3);

    ProviderException error = listener.awaitError();
    assertThat(error.capability()).isEqualTo(Capability.STT);
    assertThat(error.code()).isEqualTo("UNAVAILABLE");
    assertThat(error.retryable()).isTrue();
    assertThat(error.getMessage()).isEqualTo("stt provider failed (UNAVAILABLE): model is loading");
    sendFrames(stream, 3, 6); // after the end: ignored
    stream.finish();
    listener.assertCleanEnd();
    assertThat(scheduler.getQueue()).isEmpty();
  }

  @Test
  void providerWithoutFinalResultMissesTheDeadlineAndIsCancelled() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream =
        stt(false, LONG, Duration.ofMillis(200), Duration.ofSeconds(10))
            .open(RecognitionConfig.newBuilder().setModel("no-final").build(), RATE, listener);
    sendFrames(stream, 0, 5);
    long finishedAt = System.nanoTime();
    stream.finish();

    ProviderException error = listener.awaitError();
    assertThat(Duration.ofNanos(System.nanoTime() - finishedAt)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(error.code()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(error.getMessage()).isEqualTo("stt provider: sent no final result within 200 ms after the end of audio");
    assertThat(recognizer.halfClosed.await(10, TimeUnit.SECONDS)).as("the provider got the half-close").isTrue();
    assertThat(recognizer.cancelled.await(10, TimeUnit.SECONDS)).as("the provider saw the cancellation").isTrue();
    assertThat(recognizer.audio()).isEqualTo(littleEndian(5));
    listener.assertCleanEnd();
    assertThat(scheduler.getQueue()).isEmpty();
  }

  @Test
  void streamLongerThanTheMaximumIsCut() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream =
        stt(false, Duration.ofMillis(300), Duration.ofMillis(100), Duration.ofSeconds(10))
            .open(RecognitionConfig.getDefaultInstance(), RATE, listener);
    sendFrames(stream, 0, 2);

    ProviderException error = listener.awaitError();
    assertThat(error.code()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(error.getMessage()).isEqualTo("stt provider: stream ran longer than 300 ms");
    assertThat(recognizer.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
    listener.assertCleanEnd();
  }

  @Test
  void cancelReachesTheProviderAndSilencesTheListener() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream = stt().open(INTERIM, RATE, listener);
    for (int f = 0; listener.events.isEmpty() && f < 500; f += 2) {
      sendFrames(stream, f, f + 2);
      Thread.sleep(5);
    }
    assertThat(listener.events).as("an interim result arrived").isNotEmpty();

    stream.cancel();
    int delivered = listener.events.size();
    assertThat(recognizer.cancelled.await(10, TimeUnit.SECONDS)).as("the provider saw the cancellation").isTrue();
    sendFrames(stream, 0, 10); // after cancel: ignored
    stream.finish();
    stream.cancel();
    provider.closedCalls.await(1); // every result sent before the cancel has been handed over
    assertThat(listener.events).hasSize(delivered);
    assertThat(listener.ends).hasValue(0);
    assertThat(scheduler.getQueue()).isEmpty();
  }

  @Test
  void providerThatReadsNothingIsDroppedPastTheLagBoundWithoutBlockingTheSender() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream =
        stt(true, LONG, Duration.ofSeconds(5), Duration.ofMillis(200))
            .open(RecognitionConfig.getDefaultInstance(), RATE, listener);
    assertThat(recognizer.started.await(10, TimeUnit.SECONDS)).isTrue();

    // 200 ms of audio fits the bound; the call's loop is never held up.
    callLoop.submit(() -> sendFrames(stream, 0, 10)).get(10, TimeUnit.SECONDS);
    assertThat(listener.ends).as("within the bound").hasValue(0);
    callLoop.submit(() -> sendFrames(stream, 10, 11)).get(10, TimeUnit.SECONDS);

    ProviderException error = listener.awaitError();
    assertThat(error.code()).isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(error.getMessage())
        .isEqualTo("stt provider: read no audio for more than 200 ms of it; the stream was dropped");
    assertThat(recognizer.cancelled.await(10, TimeUnit.SECONDS)).as("the provider saw the cancellation").isTrue();
    assertThat(recognizer.messageBytes).as("the provider asked for nothing and got nothing").isEmpty();
    callLoop.submit(() -> sendFrames(stream, 11, 20)).get(10, TimeUnit.SECONDS);
    listener.assertCleanEnd();
    assertThat(scheduler.getQueue()).isEmpty();
  }

  @Test
  void slowReaderGetsAllAudioInOrderInLargerChunks() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream =
        stt(true, LONG, Duration.ofSeconds(10), Duration.ofSeconds(10))
            .open(RecognitionConfig.getDefaultInstance(), RATE, listener);
    assertThat(recognizer.started.await(10, TimeUnit.SECONDS)).isTrue();
    serverClock.scheduleAtFixedRate(() -> recognizer.call.request(1), 0, 10, TimeUnit.MILLISECONDS);

    callLoop.submit(() -> sendFrames(stream, 0, 100)).get(10, TimeUnit.SECONDS); // 2 s of audio at once
    callLoop.submit(stream::finish).get(10, TimeUnit.SECONDS);

    listener.awaitCompleted();
    assertThat(recognizer.audio()).isEqualTo(littleEndian(100));
    assertThat(recognizer.messageBytes).as("a backlog goes out in chunks of up to 100 ms").hasSizeLessThan(100);
    assertThat(recognizer.messageBytes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(1600));
    assertThat(((Recognition) listener.events.get(0)).getText()).isEqualTo("total:32000");
    listener.assertCleanEnd();
  }

  @Test
  void loopSendingWhileGrpcDrainsOnReadyLosesAndReordersNothing() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream =
        stt(true, LONG, Duration.ofSeconds(10), Duration.ofSeconds(10))
            .open(RecognitionConfig.getDefaultInstance(), RATE, listener);
    assertThat(recognizer.started.await(10, TimeUnit.SECONDS)).isTrue();
    // the provider frees room every millisecond, so gRPC's on-ready handler writes while the loop sends
    serverClock.scheduleAtFixedRate(() -> recognizer.call.request(1), 0, 1, TimeUnit.MILLISECONDS);
    for (int f = 0; f < 400; f += 4) {
      int from = f;
      callLoop.submit(() -> sendFrames(stream, from, from + 4)).get(10, TimeUnit.SECONDS);
      Thread.onSpinWait();
    }
    callLoop.submit(stream::finish).get(10, TimeUnit.SECONDS);

    listener.awaitCompleted();
    assertThat(recognizer.audio()).isEqualTo(littleEndian(400));
    assertThat(((Recognition) listener.events.get(0)).getText()).isEqualTo("total:128000");
    listener.assertCleanEnd();
  }

  @Test
  void sendingAfterFinishIsAProgrammingError() throws Exception {
    RecordingListener listener = new RecordingListener();
    SpeechToText.Stream stream = stt().open(RecognitionConfig.getDefaultInstance(), RATE, listener);
    stream.finish();
    assertThatThrownBy(() -> stream.send(new short[FRAME], 0, FRAME))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("audio sent after finish()");
    listener.awaitCompleted();
    assertThat(((Recognition) listener.events.get(0)).getText()).isEqualTo("total:0");
    assertThatThrownBy(() -> stream.send(new short[FRAME], 0, FRAME)).isInstanceOf(IllegalStateException.class);
    listener.assertCleanEnd();
  }

  @Test
  void burstOfStreamsLeavesNoDeadlineTaskBehind() throws Exception {
    GrpcSpeechToText stt = stt();
    List<RecordingListener> listeners = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      String model = List.of("", "fail", "cancel").get(i % 3);
      RecordingListener listener = new RecordingListener();
      listeners.add(listener);
      SpeechToText.Stream stream = stt.open(RecognitionConfig.newBuilder().setModel(model).build(), RATE, listener);
      sendFrames(stream, 0, 3);
      if (model.equals("cancel")) {
        stream.cancel();
      } else {
        stream.finish();
      }
    }
    for (int i = 0; i < listeners.size(); i++) {
      if (i % 3 != 2) {
        listeners.get(i).awaitEnd();
        listeners.get(i).assertCleanEnd();
      }
    }
    assertThat(scheduler.getQueue()).as("scheduled deadline tasks").isEmpty();
  }
}
