package dev.voiceengine.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import dev.voiceengine.providers.audio.Pcm16;
import dev.voiceengine.providers.audio.Resampler;
import dev.voiceengine.testsupport.net.FreePorts;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpenAiSpeechTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SynthesisRequest HELLO =
      SynthesisRequest.newBuilder().setText("Hello, how can I help?").setSampleRate(8000).setCallId("c1").build();

  @Test
  void streamsAudioResampledTo8kHzBeforeTheBodyEnds() throws Exception {
    short[] speech = OpenAiTranscriptionTest.tone(24000, 24000); // one second at the service's 24 kHz
    byte[] body = Pcm16.toBytes(speech).toByteArray();
    CountDownLatch firstAudioReceived = new CountDownLatch(1);
    AtomicBoolean firstAudioCameBeforeTheRest = new AtomicBoolean();
    try (StandInServer standIn = new StandInServer("/v1/audio/speech", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "audio/pcm");
          int first = 12001; // odd: a sample is split across writes
          out.write(body, 0, first);
          out.flush();
          firstAudioCameBeforeTheRest.set(firstAudioReceived.await(10, TimeUnit.SECONDS));
          for (int off = first; off < body.length; off += 777) {
            out.write(body, off, Math.min(777, body.length - off));
            out.flush();
          }
        });
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiSpeech(OpenAiSettings.of(standIn.baseUrl(), "sk-tts", "tts-1", "alloy")))) {
      List<AudioChunk> chunks = new ArrayList<>();
      TextToSpeechGrpc.newBlockingStub(grpc.channel).synthesize(HELLO).forEachRemaining(chunk -> {
        chunks.add(chunk);
        firstAudioReceived.countDown();
      });

      assertThat(firstAudioCameBeforeTheRest).isTrue();
      assertThat(chunks).allSatisfy(c -> {
        assertThat(c.getSampleRate()).isEqualTo(8000);
        assertThat(c.getPcm16().size() % 2).isZero();
      });
      short[] expected = Resampler.convert(speech, 24000, 8000);
      short[] got = Pcm16.fromBytes(chunks.stream().map(AudioChunk::getPcm16)
          .reduce(com.google.protobuf.ByteString.EMPTY, com.google.protobuf.ByteString::concat));
      assertThat(got.length).isEqualTo(expected.length).isBetween(8000, 8100);
      assertThat(got).isEqualTo(expected);

      StandInServer.Received r = standIn.take();
      assertThat(r.authorization()).isEqualTo("Bearer sk-tts");
      JsonNode json = JSON.readTree(r.body());
      assertThat(json.path("model").asText()).isEqualTo("tts-1");
      assertThat(json.path("input").asText()).isEqualTo("Hello, how can I help?");
      assertThat(json.path("voice").asText()).isEqualTo("alloy");
      assertThat(json.path("response_format").asText()).isEqualTo("pcm");
    }
  }

  @Test
  void theRequestsVoiceAndModelWinAndEqualRatesPassThrough() throws Exception {
    short[] speech = OpenAiTranscriptionTest.tone(2400, 24000);
    try (StandInServer standIn = new StandInServer("/v1/audio/speech", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "audio/pcm");
          out.write(Pcm16.toBytes(speech).toByteArray());
        });
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiSpeech(OpenAiSettings.of(standIn.baseUrl(), "", "tts-1", "alloy")))) {
      List<AudioChunk> chunks = new ArrayList<>();
      TextToSpeechGrpc.newBlockingStub(grpc.channel)
          .synthesize(HELLO.toBuilder().setVoice("nova").setModel("kokoro").setSampleRate(24000).build())
          .forEachRemaining(chunks::add);

      short[] got = Pcm16.fromBytes(chunks.stream().map(AudioChunk::getPcm16)
          .reduce(com.google.protobuf.ByteString.EMPTY, com.google.protobuf.ByteString::concat));
      assertThat(got).isEqualTo(speech);
      JsonNode json = JSON.readTree(standIn.take().body());
      assertThat(json.path("voice").asText()).isEqualTo("nova");
      assertThat(json.path("model").asText()).isEqualTo("kokoro");
    }
  }

  @Test
  void cancellingTheCallClosesTheHttpConnection() throws Exception {
    CountDownLatch connectionClosed = new CountDownLatch(1);
    byte[] tenMs = new byte[480];
    try (StandInServer standIn = new StandInServer("/v1/audio/speech", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "audio/pcm");
          try {
            for (int i = 0; i < 400; i++) { // bounded: 20 s
              out.write(tenMs);
              out.flush();
              Thread.sleep(50);
            }
          } catch (IOException closed) {
            connectionClosed.countDown();
          }
        });
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiSpeech(OpenAiSettings.of(standIn.baseUrl(), "", "tts-1", "alloy")))) {
      Context.CancellableContext context = Context.current().withCancellation();
      Iterator<AudioChunk> it = context.call(() -> TextToSpeechGrpc.newBlockingStub(grpc.channel).synthesize(HELLO));
      assertThat(it.next().getPcm16().size()).isPositive();

      context.cancel(null);

      assertThat(connectionClosed.await(20, TimeUnit.SECONDS)).as("the stand-in saw its connection closed").isTrue();
    }
  }

  @Test
  void errorsMapToStatusCodes() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/audio/speech", exchange -> StandInServer.reply(
            exchange, 429, "application/json", "{\"error\":{\"message\":\"Rate limit reached\"}}"));
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiSpeech(OpenAiSettings.of(standIn.baseUrl(), "", "tts-1", "")))) {
      TextToSpeechGrpc.TextToSpeechBlockingStub stub = TextToSpeechGrpc.newBlockingStub(grpc.channel);

      Status limited = status(() -> stub.synthesize(HELLO.toBuilder().setVoice("alloy").build()));
      Status noVoice = status(() -> stub.synthesize(HELLO));
      Status empty = status(() -> stub.synthesize(HELLO.toBuilder().setText(" ").setVoice("alloy").build()));
      Status badRate = status(() -> stub.synthesize(HELLO.toBuilder().setSampleRate(0).setVoice("alloy").build()));

      assertThat(limited.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(limited.getDescription()).contains("Rate limit reached");
      assertThat(noVoice.getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(empty.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(badRate.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(standIn.received).hasSize(1);
    }
  }

  @Test
  void anUnreachableServiceIsUnavailable() throws Exception {
    int port = FreePorts.tcp();
    try (InProcessGrpc grpc = new InProcessGrpc(
        new OpenAiSpeech(OpenAiSettings.of("http://127.0.0.1:" + port + "/v1", "", "tts-1", "alloy")))) {
      Status s = status(() -> TextToSpeechGrpc.newBlockingStub(grpc.channel).synthesize(HELLO));

      assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }

  private static Status status(java.util.function.Supplier<Iterator<AudioChunk>> call) {
    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> call.get().forEachRemaining(c -> { }));
    assertThat(e).as("the call failed").isNotNull();
    return e.getStatus();
  }
}
