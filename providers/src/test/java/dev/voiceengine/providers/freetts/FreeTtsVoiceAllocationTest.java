package dev.voiceengine.providers.freetts;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Voices allocated at the same time, by one service or by several in one JVM (an engine starting while another
 * stops, a greeting beside the first calls), all load and speak: the library builds its letter-to-sound rules in a
 * table shared by every voice of the JVM.
 */
class FreeTtsVoiceAllocationTest {
  private static final int AT_ONCE = 6;
  private static final int ROUNDS = 10;

  @Test
  void voicesAllocatedConcurrentlyAllLoad() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(AT_ONCE);
    List<FreeTtsTextToSpeech> services = new ArrayList<>();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        CyclicBarrier go = new CyclicBarrier(AT_ONCE);
        List<CompletableFuture<Void>> prepared = new ArrayList<>();
        for (int i = 0; i < AT_ONCE; i++) {
          FreeTtsTextToSpeech tts = new FreeTtsTextToSpeech(1, 1);
          services.add(tts);
          prepared.add(CompletableFuture.runAsync(() -> {
            try {
              go.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
            tts.prepare();
          }, threads));
        }
        for (CompletableFuture<Void> p : prepared) {
          p.get(60, TimeUnit.SECONDS);
        }
      }
      FreeTtsTextToSpeech last = services.get(services.size() - 1);
      String name = InProcessServerBuilder.generateName();
      Server server = InProcessServerBuilder.forName(name).addService(last).build().start();
      ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
      try {
        short[] pcm = FreeTtsTextToSpeechTest.synthesize(channel, "Hello, this is the clinic calling.", 8000);
        assertThat(pcm.length / 8000.0).as("a voice loaded beside others speaks").isGreaterThan(0.5);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
      services.forEach(FreeTtsTextToSpeech::close);
    }
  }
}
