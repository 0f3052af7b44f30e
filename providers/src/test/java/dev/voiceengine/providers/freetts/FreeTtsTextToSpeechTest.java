package dev.voiceengine.providers.freetts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import dev.voiceengine.providers.audio.Pcm16;
import dev.voiceengine.providers.sphinx.SphinxSpeechToText;
import dev.voiceengine.providers.stt.RecognizeClient;
import dev.voiceengine.testsupport.audio.SpokenAudio;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FreeTtsTextToSpeechTest {
  private static FreeTtsTextToSpeech tts;
  private static SphinxSpeechToText stt;
  private static Server server;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws IOException {
    tts = new FreeTtsTextToSpeech(2, 4);
    stt = new SphinxSpeechToText(1, 2, 2);
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(tts).addService(stt).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterAll
  static void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    tts.close();
    stt.close();
  }

  /** Every chunk of a synthesis, joined; checks each chunk's rate and size on the way. */
  static short[] synthesize(Channel channel, String text, int rate) {
    ByteArrayOutputStream pcm = new ByteArrayOutputStream();
    Iterator<AudioChunk> chunks = TextToSpeechGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
        .synthesize(SynthesisRequest.newBuilder().setText(text).setSampleRate(rate).build());
    while (chunks.hasNext()) {
      AudioChunk chunk = chunks.next();
      assertThat(chunk.getSampleRate()).isEqualTo(rate);
      assertThat(chunk.getPcm16().size()).isBetween(2, 2 * rate * FreeTtsTextToSpeech.CHUNK_MS / 1000);
      pcm.writeBytes(chunk.getPcm16().toByteArray());
    }
    return Pcm16.fromBytes(com.google.protobuf.ByteString.copyFrom(pcm.toByteArray()));
  }

  @Test
  void speaksAt8kHz() {
    long t0 = System.nanoTime();
    short[] pcm = synthesize(channel, "Thanks for calling. How can I help?", 8000);
    System.out.printf("synthesis: %d ms of audio in %d ms%n", pcm.length / 8, (System.nanoTime() - t0) / 1_000_000);
    assertThat(pcm.length / 8000.0).isBetween(0.5, 6.0);
    assertThat(SpokenAudio.rms(pcm)).isGreaterThan(300);
  }

  @Test
  void emptyTextIsInvalidArgument() {
    assertThatThrownBy(() -> synthesize(channel, " ", 8000)).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void unknownVoiceIsFailedPrecondition() {
    assertThatThrownBy(() -> TextToSpeechGrpc.newBlockingStub(channel)
        .synthesize(SynthesisRequest.newBuilder().setText("hi").setVoice("alice").build()).hasNext())
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
  }

  @Test
  void cancelStopsAndTheVoiceServesTheNextRequest() throws Exception {
    for (int i = 0; i < 3; i++) {
      Context.CancellableContext call = Context.current().withCancellation();
      call.run(() -> {
        Iterator<AudioChunk> chunks = TextToSpeechGrpc.newBlockingStub(channel).synthesize(SynthesisRequest
            .newBuilder().setText("This is a long sentence that will be cut off before it ends, on purpose.").build());
        assertThat(chunks.next().getPcm16().size()).isPositive();
        call.cancel(null);
      });
    }
    assertThat(synthesize(channel, "yes", 8000)).isNotEmpty();
    assertThat(tts.allocatedVoices()).isLessThanOrEqualTo(2);
  }

  @Test
  void roundTripThroughSphinx() {
    short[] pcm = synthesize(channel, "book an appointment for friday", 8000);
    RecognitionConfig config = RecognitionConfig.newBuilder()
        .addAllPhrases(List.of("book an appointment for friday", "book an appointment", "friday", "yes", "no"))
        .build();
    List<Recognition> results = RecognizeClient.recognize(channel, config, pcm, 8000);
    assertThat(results).hasSize(1);
    assertThat(results.get(0).getText()).isEqualTo("book an appointment for friday");
  }
}
