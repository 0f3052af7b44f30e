package dev.voiceengine.providers.sphinx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import dev.voiceengine.providers.audio.Pcm16;
import dev.voiceengine.providers.stt.RecognizeClient;
import dev.voiceengine.testsupport.audio.SpokenAudio;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SphinxSpeechToTextTest {
  static final List<String> PHRASES = List.of(
      "I would like to book an appointment for Friday", "book an appointment", "I'd like to book an appointment",
      "cancel my appointment", "can I come in on Tuesday", "can I come in on Tuesday at ten", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
      "yes", "no", "yes please", "no thanks", "goodbye", "at ten", "at nine", "in the morning", "my name is");

  private static SphinxSpeechToText service;
  private static Server server;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws IOException {
    service = new SphinxSpeechToText(2, 4, 4);
    long t0 = System.nanoTime();
    service.prepare(PHRASES);
    System.out.printf("prepare: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(service).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    service.close();
  }

  static RecognitionConfig config(List<String> phrases) {
    return RecognitionConfig.newBuilder().setLanguage("en-US").addAllPhrases(phrases).setCallId("test").build();
  }

  private static Recognition recognizeOne(String text, int rate) {
    short[] pcm = SpokenAudio.sayAt(text, rate);
    long t0 = System.nanoTime();
    List<Recognition> results = RecognizeClient.recognize(channel, config(PHRASES), pcm, rate);
    System.out.printf("%-50s -> %s (%d ms audio, %d ms to result)%n", text, results,
        pcm.length * 1000L / rate, (System.nanoTime() - t0) / 1_000_000);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).getIsFinal()).isTrue();
    return results.get(0);
  }

  @Test
  void recognisesAnAppointmentRequestAt8k() {
    Recognition r = recognizeOne("I would like to book an appointment for Friday", 8000);
    assertThat(r.getText()).contains("appointment").contains("friday");
    assertThat(r.getModel()).isEqualTo("sphinx4-en-us");
    assertThat(r.getWordsList()).isNotEmpty();
    assertThat(r.getEndMs()).isGreaterThan(r.getStartMs());
  }

  @Test
  void recognisesAt16k() {
    assertThat(recognizeOne("yes please", 16000).getText()).contains("yes");
  }

  @Test
  void otherUtterances() {
    assertThat(recognizeOne("Can I come in on Tuesday at ten", 8000).getText()).contains("tuesday");
    assertThat(recognizeOne("no thanks, goodbye", 8000).getText()).contains("goodbye");
    Recognition name = recognizeOne("my name is John", 8000);
    assertThat(name.getText()).doesNotContain("appointment");
    assertThat(name.getConfidence()).isLessThan(0.5f);
  }

  @Test
  void silenceGivesOneEmptyFinal() {
    List<Recognition> results = RecognizeClient.recognize(channel, config(PHRASES), new short[8000 * 2], 8000);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).getText()).isEmpty();
    assertThat(results.get(0).getIsFinal()).isTrue();
  }

  @Test
  void noConfigIsInvalidArgument() {
    CompletableFuture<List<Recognition>> done = new CompletableFuture<>();
    StreamObserver<AudioChunk> in = SpeechToTextGrpc.newStub(channel).recognize(RecognizeClient.collect(done));
    in.onNext(AudioChunk.newBuilder().setSampleRate(8000).setPcm16(Pcm16.toBytes(new short[160])).build());
    in.onCompleted();
    assertThatThrownBy(() -> RecognizeClient.await(done)).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void unsupportedRateIsInvalidArgument() {
    assertThatThrownBy(() -> RecognizeClient.recognize(channel, config(PHRASES), new short[441], 44100))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("44100");
        });
  }

  @Test
  void cancelMidStreamFreesTheRecogniser() throws InterruptedException {
    short[] pcm = SpokenAudio.sayAt("book an appointment", 8000);
    for (int round = 0; round < 3; round++) { // more rounds than the service has decoding threads
      CountDownLatch closed = new CountDownLatch(1);
      AtomicReference<ClientCallStreamObserver<AudioChunk>> call = new AtomicReference<>();
      StreamObserver<AudioChunk> in = SpeechToTextGrpc.newStub(channel).recognize(
          new ClientResponseObserver<AudioChunk, Recognition>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<AudioChunk> requestStream) {
              call.set(requestStream);
            }

            @Override
            public void onNext(Recognition value) {}

            @Override
            public void onError(Throwable t) {
              closed.countDown();
            }

            @Override
            public void onCompleted() {
              closed.countDown();
            }
          });
      in.onNext(AudioChunk.newBuilder().setConfig(config(PHRASES)).setSampleRate(8000).build());
      in.onNext(AudioChunk.newBuilder().setSampleRate(8000).setPcm16(Pcm16.toBytes(pcm, 0, pcm.length / 2)).build());
      call.get().cancel("caller barged in", null);
      assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(recognizeOne("book an appointment", 8000).getText()).contains("appointment");
  }
}
