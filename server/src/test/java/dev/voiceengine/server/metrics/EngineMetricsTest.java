package dev.voiceengine.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.conversation.vad.VadEngine;
import dev.voiceengine.conversation.vad.VadStats;
import dev.voiceengine.media.MediaEngine;
import dev.voiceengine.media.MediaSettings;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineMetricsTest {
  @TempDir Path dir;

  @Test
  void rendersCallsMediaHistogramsAndVadInPrometheusText() {
    AtomicInteger calls = new AtomicInteger(3);
    VadEngine vad = new VadEngine() {
      @Override
      public dev.voiceengine.conversation.vad.CallVad open(String callId, java.util.concurrent.Executor loop,
          dev.voiceengine.conversation.vad.CallVad.Listener listener) {
        throw new UnsupportedOperationException();
      }

      @Override
      public VadStats stats() {
        return new VadStats(100, 40, 2, 5, 1_500_000_000L);
      }

      @Override
      public String name() {
        return "test";
      }

      @Override
      public void close() {}
    };
    try (EngineMetrics metrics = new EngineMetrics();
        MediaEngine media = new MediaEngine(new MediaSettings("127.0.0.1", 40000, 40010, Duration.ZERO, dir, false,
            Duration.ofMillis(60), 1), e -> { })) {
      metrics.bindCalls(calls::get);
      metrics.bindMedia(media);
      metrics.bindVad(vad);
      media.metrics().sendIntervalDeviation().record(300_000); // 0.3 ms: in (0.25, 0.5]
      media.metrics().sendIntervalDeviation().record(3_000_000); // 3 ms: in (2, 5]
      media.metrics().packetSent();

      String text = metrics.scrape();
      assertThat(text).contains("voice_calls_active 3.0");
      assertThat(text).contains("voice_media_sessions 0.0");
      assertThat(text).contains("voice_media_packets_sent_total 1.0");
      assertThat(text).contains("# TYPE voice_media_send_interval_deviation_seconds histogram");
      assertThat(text).contains("voice_media_send_interval_deviation_seconds_bucket{le=\"2.5E-4\"} 0");
      assertThat(text).contains("voice_media_send_interval_deviation_seconds_bucket{le=\"5.0E-4\"} 1");
      assertThat(text).contains("voice_media_send_interval_deviation_seconds_bucket{le=\"0.005\"} 2");
      assertThat(text).contains("voice_media_send_interval_deviation_seconds_bucket{le=\"+Inf\"} 2");
      assertThat(text).contains("voice_media_send_interval_deviation_seconds_count 2");
      assertThat(text).contains("voice_media_send_interval_deviation_max 0.003");
      assertThat(text).contains("voice_media_answer_to_first_audio_seconds_count 0");
      assertThat(text).contains("voice_vad_windows_total 100.0");
      assertThat(text).contains("voice_vad_cpu_seconds_total 1.5");
      assertThat(text).contains("jvm_memory_used_bytes");
    }
  }

  @Test
  void gaugesOnLambdasOutliveAGarbageCollection() {
    AtomicInteger calls = new AtomicInteger(2);
    try (EngineMetrics metrics = new EngineMetrics()) {
      metrics.bindCalls(() -> calls.get()); // only the gauge refers to this lambda
      WeakReference<Object> canary = new WeakReference<>(new Object());
      for (int i = 0; i < 50 && canary.get() != null; i++) {
        System.gc();
      }
      assertThat(canary.get()).as("the collector ran").isNull();
      assertThat(metrics.scrape()).contains("voice_calls_active 2.0");
    }
  }
}
