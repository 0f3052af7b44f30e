package dev.voiceengine.conversation.provider.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.voiceengine.conversation.provider.Cancellable;
import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import dev.voiceengine.testsupport.providers.InProcessProvider;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GrpcTextToSpeechTest {
  private static final Duration LONG = Duration.ofSeconds(30);
  private static final SynthesisRequest HELLO =
      SynthesisRequest.newBuilder().setText("Hello").setSampleRate(8000).build();

  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final CountDownLatch serverCancelled = new CountDownLatch(1);
  private InProcessProvider provider;

  GrpcTextToSpeechTest() {
    scheduler.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (provider != null) {
      provider.close();
    }
    scheduler.shutdownNow();
  }

  private GrpcTextToSpeech tts(
      Duration firstAudio, BiConsumer<SynthesisRequest, ServerCallStreamObserver<AudioChunk>> server)
      throws Exception {
    provider =
        InProcessProvider.start(
            new TextToSpeechGrpc.TextToSpeechImplBase() {
              @Override
              public void synthesize(SynthesisRequest request, StreamObserver<AudioChunk> responses) {
                ServerCallStreamObserver<AudioChunk> call = (ServerCallStreamObserver<AudioChunk>) responses;
                call.setOnCancelHandler(serverCancelled::countDown);
                server.accept(request, call);
              }
            });
    ProviderDeadlines d = ProviderDeadlines.DEFAULTS;
    ProviderDeadlines deadlines =
        new ProviderDeadlines(
            d.sttMaxStream(), d.sttFinalResult(), d.sttMaxLag(), d.llmFirstEvent(), d.llmTotal(), firstAudio, LONG);
    return new GrpcTextToSpeech(provider.channel(), deadlines, scheduler);
  }

  private static AudioChunk chunk(int... bytes) {
    byte[] b = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      b[i] = (byte) bytes[i];
    }
    return AudioChunk.newBuilder().setPcm16(ByteString.copyFrom(b)).setSampleRate(8000).build();
  }

  @Test
  void decodesLittleEndianSamplesChunkByChunk() throws Exception {
    GrpcTextToSpeech tts =
        tts(
            LONG,
            (request, out) -> {
              out.onNext(chunk(0x01, 0x02, 0xff, 0x7f, 0x00, 0x80));
              out.onNext(AudioChunk.newBuilder().setSampleRate(8000).build()); // no audio: skipped
              out.onNext(chunk(0xff, 0xff, 0x34, 0x12));
              out.onCompleted();
            });
    RecordingListener listener = new RecordingListener();
    tts.synthesize(HELLO, listener);

    listener.awaitCompleted();
    assertThat(listener.events).hasSize(3);
    assertThat((short[]) listener.events.get(0)).containsExactly((short) 0x0201, Short.MAX_VALUE, Short.MIN_VALUE);
    assertThat((short[]) listener.events.get(1)).containsExactly((short) -1, (short) 0x1234);
    listener.assertCleanEnd();
    assertThat(scheduler.getQueue()).isEmpty();
  }

  @Test
  void oddByteCountIsTheProvidersFault() throws Exception {
    GrpcTextToSpeech tts = tts(LONG, (request, out) -> out.onNext(chunk(1, 2, 3)));
    RecordingListener listener = new RecordingListener();
    tts.synthesize(HELLO, listener);

    ProviderException error = listener.awaitError();
    assertThat(error.capability()).isEqualTo(Capability.TTS);
    assertThat(error.code()).isEqualTo("INTERNAL");
    assertThat(error.getMessage()).isEqualTo("tts provider: sent 3 bytes of PCM16, an odd number");
    assertThat(serverCancelled.await(10, TimeUnit.SECONDS)).as("the call was cancelled").isTrue();
    listener.assertCleanEnd();
  }

  @Test
  void audioAtAnotherRateThanAskedIsRefused() throws Exception {
    GrpcTextToSpeech tts =
        tts(LONG, (request, out) -> out.onNext(chunk(1, 2).toBuilder().setSampleRate(16000).build()));
    RecordingListener listener = new RecordingListener();
    tts.synthesize(HELLO, listener);

    assertThat(listener.awaitError().getMessage())
        .isEqualTo("tts provider: sent audio at 16000 Hz, 8000 Hz was asked for");
    assertThat(listener.events).hasSize(1);
  }

  @Test
  void chunksWithoutAudioDoNotMeetTheFirstAudioDeadline() throws Exception {
    GrpcTextToSpeech tts = tts(Duration.ofMillis(200), (request, out) -> out.onNext(AudioChunk.getDefaultInstance()));
    RecordingListener listener = new RecordingListener();
    tts.synthesize(HELLO, listener);

    ProviderException error = listener.awaitError();
    assertThat(error.code()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(error.getMessage()).isEqualTo("tts provider: sent no audio within 200 ms");
    assertThat(serverCancelled.await(10, TimeUnit.SECONDS)).isTrue();
    listener.assertCleanEnd();
    assertThat(scheduler.getQueue()).isEmpty();
  }

  @Test
  void serverErrorKeepsItsCode() throws Exception {
    GrpcTextToSpeech tts =
        tts(LONG, (request, out) -> out.onError(Status.INVALID_ARGUMENT.withDescription("empty text").asException()));
    RecordingListener listener = new RecordingListener();
    tts.synthesize(SynthesisRequest.getDefaultInstance(), listener);

    ProviderException error = listener.awaitError();
    assertThat(error.code()).isEqualTo("INVALID_ARGUMENT");
    assertThat(error.getMessage()).isEqualTo("tts provider failed (INVALID_ARGUMENT): empty text");
  }

  @Test
  void cancelReachesTheProviderAndSilencesTheListener() throws Exception {
    CountDownLatch firstSent = new CountDownLatch(1);
    GrpcTextToSpeech tts =
        tts(
            LONG,
            (request, out) -> {
              out.onNext(chunk(1, 0));
              firstSent.countDown();
            });
    RecordingListener listener = new RecordingListener();
    Cancellable request = tts.synthesize(HELLO, listener);
    assertThat(firstSent.await(10, TimeUnit.SECONDS)).isTrue();

    request.cancel();
    assertThat(serverCancelled.await(10, TimeUnit.SECONDS)).as("the provider saw the cancellation").isTrue();
    assertThat(listener.ends).as("no end after cancel").hasValue(0);
    assertThat(listener.events).hasSizeLessThanOrEqualTo(1);
    assertThat(scheduler.getQueue()).isEmpty();
  }
}
