package dev.voiceengine.server.metrics;

import dev.voiceengine.conversation.vad.VadEngine;
import dev.voiceengine.conversation.vad.VadStats;
import dev.voiceengine.media.MediaEngine;
import dev.voiceengine.media.metrics.LatencyHistogram;
import dev.voiceengine.media.metrics.MediaMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The engine's metrics for Prometheus ({@code GET /metrics}): live calls, media pacing quality (the deviation of
 * outbound packet intervals from 20 ms, as a histogram), the wait for the greeting, frames caught up or skipped by
 * late event loops, voice-activity detection work and its CPU time, and the JVM's own meters. Media histograms are
 * recorded lock-free by the event loops ({@link LatencyHistogram}) and rendered at scrape time as classic Prometheus
 * histograms in seconds.
 */
public final class EngineMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  /** What the function counters read, held for as long as the registry lives. */
  private final List<Object> sources = new CopyOnWriteArrayList<>();

  public EngineMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** The registry's current state in the Prometheus text format. Any thread. */
  public String scrape() {
    return registry.scrape();
  }

  /** The underlying registry (tests, embedders). */
  public MeterRegistry registry() {
    return registry;
  }

  /** Live calls as signalling counts them (ringing or up). */
  public void bindCalls(IntSupplier activeCalls) {
    gauge("voice.calls.active", activeCalls, IntSupplier::getAsInt, "calls ringing or up");
  }

  /** The media engine's sessions, packets, pacing and greeting wait. */
  public void bindMedia(MediaEngine media) {
    MediaMetrics m = media.metrics();
    gauge("voice.media.sessions", media, MediaEngine::activeSessions, "calls with an open RTP session");
    counter("voice.media.packets.sent", m, MediaMetrics::packetsOut, "outbound RTP packets");
    counter("voice.media.frames", m, MediaMetrics::frames, "20 ms frames run, all calls");
    gauge("voice.media.overloaded", media, e -> e.overloaded() ? 1 : 0,
        "1 while new calls are refused because the media loops are falling behind");
    counter("voice.media.calls.started", m, MediaMetrics::callsStarted, "calls whose media started (answered)");
    counter("voice.media.frames.caught.up", m, MediaMetrics::framesCaughtUp,
        "20 ms frames run a period or more late, back to back, after a late event loop");
    counter("voice.media.frames.skipped", m, MediaMetrics::framesSkipped,
        "20 ms frames skipped after an event-loop stall");
    histogram("voice.media.send.interval.deviation", m.sendIntervalDeviation(),
        "|interval between consecutive outbound packets of a call - 20 ms|, seconds");
    histogram("voice.media.answer.to.first.audio", m.answerToFirstAudio(),
        "answer to the first agent frame with sound (the greeting), seconds");
  }

  /** Voice activity detection: windows, model runs, drops and the inference thread's CPU time. */
  public void bindVad(VadEngine vad) {
    counter("voice.vad.windows", vad, v -> v.stats().windows(), "windows handed to the detector");
    counter("voice.vad.windows.inferred", vad, v -> v.stats().inferred(), "windows the model ran on");
    counter("voice.vad.windows.dropped", vad, v -> v.stats().dropped(), "windows dropped, inference too far behind");
    counter("voice.vad.batches", vad, v -> v.stats().batches(), "model runs");
    counter("voice.vad.cpu.seconds", vad, v -> cpuSeconds(v.stats()), "CPU time of the detector's inference thread");
  }

  private static double cpuSeconds(VadStats s) {
    return s.cpuNanos() / 1e9;
  }

  /**
   * A gauge that holds its source strongly. Micrometer holds a gauge's source weakly by default: a source nothing
   * else refers to (a method reference, a lambda) is collected, after which the gauge reads NaN.
   */
  private <T> void gauge(String name, T source, ToDoubleFunction<T> value, String description) {
    Gauge.builder(name, source, value).strongReference(true).description(description).register(registry);
  }

  /** A function counter; its source is kept alive here, as a function counter too holds it only weakly. */
  private <T> void counter(String name, T source, ToDoubleFunction<T> value, String description) {
    sources.add(source);
    FunctionCounter.builder(name, source, value).description(description).register(registry);
  }

  private void histogram(String name, LatencyHistogram histogram, String description) {
    registry.getPrometheusRegistry().register(new HistogramCollector(name.replace('.', '_'), description, histogram));
    gauge(name + ".max", histogram, h -> h.snapshot().maxNanos() / 1e9, "largest value seen, seconds");
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
