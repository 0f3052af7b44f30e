package dev.voiceengine.providers.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SynthesisRequest;
import dev.voiceengine.proto.provider.v1.TextToSpeechGrpc;
import dev.voiceengine.providers.audio.Pcm16;
import dev.voiceengine.providers.freetts.FreeTtsTextToSpeech;
import dev.voiceengine.providers.sphinx.SphinxSpeechToText;
import dev.voiceengine.providers.stt.RecognizeClient;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProviderServerTest {
  @Test
  void synthesisesThenRecognisesOverTcp() throws Exception {
    try (SphinxSpeechToText stt = new SphinxSpeechToText(1, 2, 2);
        FreeTtsTextToSpeech tts = new FreeTtsTextToSpeech(1, 2);
        ProviderServer server = ProviderServer.tcp("127.0.0.1", 0, List.of(stt, tts))) {
      assertThat(server.port()).isPositive();
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        Iterator<AudioChunk> chunks = TextToSpeechGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS)
            .synthesize(SynthesisRequest.newBuilder().setText("yes please").setSampleRate(8000).build());
        chunks.forEachRemaining(c -> pcm.writeBytes(c.getPcm16().toByteArray()));
        short[] audio = Pcm16.fromBytes(ByteString.copyFrom(pcm.toByteArray()));
        RecognitionConfig config = RecognitionConfig.newBuilder()
            .addAllPhrases(List.of("yes please", "no thanks", "book an appointment")).build();
        List<Recognition> results = RecognizeClient.recognize(channel, config, audio, 8000);
        assertThat(results).extracting(Recognition::getText).containsExactly("yes please");
        HealthCheckResponse health = HealthGrpc.newBlockingStub(channel)
            .check(HealthCheckRequest.newBuilder().setService("voice.provider.v1.SpeechToText").build());
        assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void inProcessServesHealthAndRefusesAbsentServices() throws Exception {
    String name = "providers-" + System.nanoTime();
    try (ProviderServer server = ProviderServer.inProcess(name, List.of())) {
      assertThat(server.port()).isEqualTo(-1);
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        assertThat(HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
        assertThatThrownBy(() -> TextToSpeechGrpc.newBlockingStub(channel)
            .synthesize(SynthesisRequest.newBuilder().setText("hi").build()).hasNext())
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
