package dev.voiceengine.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import dev.voiceengine.proto.provider.v1.Word;
import dev.voiceengine.providers.audio.Pcm16;
import dev.voiceengine.testsupport.net.FreePorts;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenAiTranscriptionTest {
  private static final String VERBOSE = """
      {"task":"transcribe","language":"english","duration":1.0,"text":" Book me for Friday.",
       "segments":[{"id":0,"start":0.12,"end":0.94,"text":" Book me for Friday."}],
       "words":[{"word":"Book","start":0.12,"end":0.3},{"word":"me","start":0.3,"end":0.41},
                {"word":"for","start":0.41,"end":0.55},{"word":"Friday.","start":0.55,"end":0.94}]}""";

  record Outcome(List<Recognition> results, Status status) {}

  static short[] tone(int samples, int rate) {
    short[] pcm = new short[samples];
    for (int i = 0; i < samples; i++) {
      pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
    }
    return pcm;
  }

  static Outcome recognize(InProcessGrpc grpc, List<AudioChunk> chunks) throws Exception {
    List<Recognition> results = new ArrayList<>();
    CompletableFuture<Status> end = new CompletableFuture<>();
    StreamObserver<AudioChunk> up = SpeechToTextGrpc.newStub(grpc.channel).recognize(new StreamObserver<>() {
      @Override
      public void onNext(Recognition r) {
        results.add(r);
      }

      @Override
      public void onError(Throwable t) {
        end.complete(Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {
        end.complete(Status.OK);
      }
    });
    chunks.forEach(up::onNext);
    up.onCompleted();
    return new Outcome(results, end.get(10, TimeUnit.SECONDS));
  }

  static List<AudioChunk> turn(RecognitionConfig config, short[] pcm, int rate, int chunkSamples) {
    List<AudioChunk> chunks = new ArrayList<>();
    chunks.add(AudioChunk.newBuilder().setConfig(config).setSampleRate(rate).build());
    for (int off = 0; off < pcm.length; off += chunkSamples) {
      int n = Math.min(chunkSamples, pcm.length - off);
      chunks.add(AudioChunk.newBuilder().setPcm16(Pcm16.toBytes(pcm, off, n)).setSampleRate(rate).build());
    }
    return chunks;
  }

  @Test
  void uploadsTheTurnAsAWavAndAnswersOneFinalRecognitionWithWords() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/audio/transcriptions",
            exchange -> StandInServer.reply(exchange, 200, "application/json", VERBOSE));
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiTranscription(OpenAiSettings.of(standIn.baseUrl(), "sk-stt", "whisper-1", "")))) {
      short[] pcm = tone(8000, 8000);
      RecognitionConfig config = RecognitionConfig.newBuilder().setLanguage("en-US")
          .addPhrases("book an appointment").addPhrases("Friday").setCallId("c1").build();

      Outcome out = recognize(grpc, turn(config, pcm, 8000, 160));

      assertThat(out.status().isOk()).as(out.status().toString()).isTrue();
      assertThat(out.results()).hasSize(1);
      Recognition r = out.results().get(0);
      assertThat(r.getText()).isEqualTo("Book me for Friday.");
      assertThat(r.getIsFinal()).isTrue();
      assertThat(r.getStartMs()).isEqualTo(120);
      assertThat(r.getEndMs()).isEqualTo(940);
      assertThat(r.getModel()).isEqualTo("whisper-1");
      assertThat(r.getWordsList()).extracting(Word::getText).containsExactly("Book", "me", "for", "Friday.");
      assertThat(r.getWords(3).getStartMs()).isEqualTo(550);
      assertThat(r.getWords(3).getEndMs()).isEqualTo(940);

      StandInServer.Received received = standIn.take();
      assertThat(received.authorization()).isEqualTo("Bearer sk-stt");
      MultipartParts form = MultipartParts.parse(received.contentType(), received.body());
      assertThat(form.values("model")).containsExactly("whisper-1");
      assertThat(form.values("response_format")).containsExactly("verbose_json");
      assertThat(form.values("timestamp_granularities[]")).contains("word");
      assertThat(form.values("language")).containsExactly("en");
      assertThat(form.values("prompt")).containsExactly("book an appointment, Friday");
      MultipartParts.Part file = form.part("file");
      assertThat(file.fileName()).endsWith(".wav");
      assertWav(file.content(), 8000, pcm);
    }
  }

  /** Reads the RIFF header field by field and checks the samples that follow it. */
  private static void assertWav(byte[] wav, int rate, short[] pcm) {
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(new String(wav, 0, 4)).isEqualTo("RIFF");
    assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
    assertThat(new String(wav, 8, 8)).isEqualTo("WAVEfmt ");
    assertThat(b.getInt(16)).isEqualTo(16);
    assertThat(b.getShort(20)).as("PCM format tag").isEqualTo((short) 1);
    assertThat(b.getShort(22)).as("channels").isEqualTo((short) 1);
    assertThat(b.getInt(24)).as("sample rate").isEqualTo(rate);
    assertThat(b.getInt(28)).as("byte rate").isEqualTo(rate * 2);
    assertThat(b.getShort(32)).as("block align").isEqualTo((short) 2);
    assertThat(b.getShort(34)).as("bits").isEqualTo((short) 16);
    assertThat(new String(wav, 36, 4)).isEqualTo("data");
    assertThat(b.getInt(40)).isEqualTo(pcm.length * 2);
    assertThat(Arrays.copyOfRange(wav, 44, wav.length)).isEqualTo(Pcm16.toBytes(pcm).toByteArray());
  }

  @Test
  void aTurnLongerThanTheBoundIsResourceExhausted() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/audio/transcriptions",
            exchange -> StandInServer.reply(exchange, 200, "application/json", VERBOSE));
        InProcessGrpc grpc = new InProcessGrpc(new OpenAiTranscription(
            new OpenAiHttp(OpenAiSettings.of(standIn.baseUrl(), "", "whisper-1", "")), Duration.ofSeconds(1)))) {
      Outcome out = recognize(grpc, turn(RecognitionConfig.getDefaultInstance(), tone(16000 * 2, 16000), 16000, 320));

      assertThat(out.status().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
      assertThat(out.results()).isEmpty();
      assertThat(standIn.received).isEmpty();
    }
  }

  @Test
  void aStreamWithoutConfigOrWithABadRateIsInvalid() throws Exception {
    try (InProcessGrpc grpc = new InProcessGrpc(
        new OpenAiTranscription(OpenAiSettings.of("http://127.0.0.1:9/v1", "", "whisper-1", "")))) {
      short[] pcm = tone(160, 8000);
      Outcome noConfig = recognize(grpc,
          List.of(AudioChunk.newBuilder().setPcm16(Pcm16.toBytes(pcm)).setSampleRate(8000).build()));
      Outcome badRate = recognize(grpc, turn(RecognitionConfig.getDefaultInstance(), pcm, 4000, 160));

      assertThat(noConfig.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(noConfig.status().getDescription()).contains("RecognitionConfig");
      assertThat(badRate.status().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(badRate.status().getDescription()).contains("4000");
    }
  }

  @Test
  void aRefusedKeyIsUnauthenticatedWithTheServiceMessage() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/audio/transcriptions", exchange -> StandInServer.reply(
            exchange, 401, "application/json", "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiTranscription(OpenAiSettings.of(standIn.baseUrl(), "bad", "whisper-1", "")))) {
      Outcome out = recognize(grpc, turn(RecognitionConfig.getDefaultInstance(), tone(800, 8000), 8000, 160));

      assertThat(out.status().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(out.status().getDescription()).contains("Incorrect API key provided");
    }
  }

  @Test
  void anUnreachableServiceIsUnavailable() throws Exception {
    int port = FreePorts.tcp();
    try (InProcessGrpc grpc = new InProcessGrpc(
        new OpenAiTranscription(OpenAiSettings.of("http://127.0.0.1:" + port + "/v1", "", "whisper-1", "")))) {
      Outcome out = recognize(grpc, turn(RecognitionConfig.getDefaultInstance(), tone(800, 8000), 8000, 160));

      assertThat(out.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }
}
