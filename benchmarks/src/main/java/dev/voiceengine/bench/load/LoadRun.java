package dev.voiceengine.bench.load;

import dev.voiceengine.providers.server.ProviderServer;
import dev.voiceengine.testsupport.net.FreePorts;
import dev.voiceengine.testsupport.providers.FakeProviderServices;
import dev.voiceengine.testsupport.sip.Sipp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs the phases of one load run (baseline, then engine) and gathers the report. */
final class LoadRun {
  private static final String DEVIATION = "voice_media_send_interval_deviation_seconds";
  private static final String GREETING = "voice_media_answer_to_first_audio_seconds";

  private final LoadOptions o;
  private final Path dir;

  LoadRun(LoadOptions options) {
    this.o = options;
    this.dir = options.out();
  }

  LoadReport run() throws Exception {
    Path ulaw = dir.resolve("caller.ulaw");
    long cycle = CallerAudio.write(ulaw, 1.5, 3.0);
    log("caller audio: %d ms cycle in %s", cycle, ulaw);
    LoadReport.Baseline baseline = o.baseline() ? baseline(ulaw) : null;
    LoadReport.Engine engine = engine(ulaw, baseline);
    return new LoadReport(Instant.now().toString(), machine(), o, baseline, engine);
  }

  private LoadReport.Baseline baseline(Path ulaw) throws Exception {
    Path phase = Files.createDirectories(dir.resolve("baseline"));
    int sipPort = FreePorts.udp();
    log("baseline: %d calls against sipp -rtp_echo", o.calls());
    try (Sipp echo = SippLoad.echo(phase, sipPort, FreePorts.block(3), FreePorts.tcp(), o.calls())) {
      Thread.sleep(500);
      if (!echo.alive()) {
        throw new IllegalStateException("sipp -rtp_echo did not start; see " + echo.screen());
      }
      ProcessSampler echoCpu = new ProcessSampler(echo.pid());
      Sipp callers = SippLoad.callers(phase, "127.0.0.1:" + sipPort, ulaw, o.calls(), o.rate(), o.duration() * 1000L,
          FreePorts.udp(), FreePorts.tcp());
      ProcessSampler callersCpu = new ProcessSampler(callers.pid());
      long t0 = System.nanoTime();
      awaitCallers(callers, t0, List.of(echoCpu, callersCpu));
      double cores = echoCpu.coresBetween(at(t0, o.steadyStartSeconds()), at(t0, o.steadyEndSeconds()));
      double callerCores = callersCpu.coresBetween(at(t0, o.steadyStartSeconds()), at(t0, o.steadyEndSeconds()));
      return new LoadReport.Baseline(callers.counter("TotalCallCreated"), callers.counter("SuccessfulCall(C)"),
          cores, cores * 100 / o.calls(), callerCores);
    }
  }

  private LoadReport.Engine engine(Path ulaw, LoadReport.Baseline baseline) throws Exception {
    Path phase = Files.createDirectories(dir.resolve("engine"));
    ProviderServer providers = ProviderServer.tcp("127.0.0.1", 0, FakeProviderServices.services());
    try (providers; EngineUnderLoad engine = EngineUnderLoad.start(phase, o, providers.port())) {
      log("engine: pid %d, SIP port %d; %d calls at %d/s for %d s", engine.pid(), engine.sipPort(), o.calls(),
          o.rate(), o.duration());
      ProcessSampler engineCpu = new ProcessSampler(engine.pid());
      engineCpu.sample();
      long rssIdle = engineCpu.samples().get(0).rssKiB();
      if (o.warmup() > 0) {
        warmUp(engine, phase, ulaw);
      }
      PromMetrics before = engine.metrics();
      Instant measuredFrom = Instant.now();
      Sipp callers = SippLoad.callers(phase, "127.0.0.1:" + engine.sipPort(), ulaw, o.calls(), o.rate(),
          o.duration() * 1000L, FreePorts.udp(), FreePorts.tcp());
      ProcessSampler callersCpu = new ProcessSampler(callers.pid());
      long t0 = System.nanoTime();
      SteadyProbe probe = new SteadyProbe(engine, t0, o);
      awaitCallers(callers, t0, List.of(engineCpu, callersCpu), probe);
      awaitRecords(engine);
      PromMetrics m = engine.metrics().since(before);
      List<com.fasterxml.jackson.databind.JsonNode> calls = engine.calls().stream()
          .filter(c -> !Instant.parse(c.path("started_at").asText()).isBefore(measuredFrom)).toList();
      CallRecords records = CallRecords.of(calls);
      double callSeconds = calls.stream().mapToDouble(c -> c.path("duration_seconds").asDouble()).sum();
      long steadyFrom = at(t0, o.steadyStartSeconds());
      long steadyTo = at(t0, o.steadyEndSeconds());
      double cores = engineCpu.coresBetween(steadyFrom, steadyTo);
      double perCall = cores * 100 / o.calls();
      ProcessSampler.Sample steady = engineCpu.closest(steadyTo);
      ProcessSampler.Sample steadyStart = engineCpu.closest(steadyFrom);
      double devMax = m.value("voice_media_send_interval_deviation_max");
      double greetMax = m.value("voice_media_answer_to_first_audio_max");
      int exit = engine.stop();
      log("engine stopped (exit %d)", exit);
      return new LoadReport.Engine(callers.counter("TotalCallCreated"), callers.counter("SuccessfulCall(C)"),
          callers.counter("FailedCall(C)"), records.completed(), cores, perCall,
          baseline == null ? Double.NaN : perCall / baseline.echoPercentPerCall(),
          callersCpu.coresBetween(steadyFrom, steadyTo), probe.sessionsAtStart, probe.sessionsAtEnd,
          rssIdle / 1024, steadyStart == null ? 0 : steadyStart.rssKiB() / 1024,
          steady == null ? 0 : steady.rssKiB() / 1024, engineCpu.peakRssKiB() / 1024,
          callSeconds > 0 ? m.value("voice_vad_cpu_seconds_total") * 1000 / callSeconds : 0,
          (long) m.value("voice_vad_windows_total"), (long) m.value("voice_vad_windows_inferred_total"),
          (long) m.value("voice_vad_windows_dropped_total"), (long) m.value("voice_media_frames_skipped_total"),
          (long) m.value("voice_media_frames_caught_up_total"),
          m.quantile(DEVIATION, 0.5, devMax) * 1000, m.quantile(DEVIATION, 0.99, devMax) * 1000, devMax * 1000,
          (long) m.value(DEVIATION + "_count"),
          engineCpu.rssEvery(60).stream().map(kib -> kib / 1024).toList(), (long) m.value(GREETING + "_count"), m.quantile(GREETING, 0.5, greetMax) * 1000, m.quantile(GREETING, 0.99, greetMax) * 1000, greetMax * 1000,
          probe.socketDrops, records);
    }
  }

  /** A first wave of calls, so the measured ones meet compiled code rather than the JIT at work. */
  private void warmUp(EngineUnderLoad engine, Path phase, Path ulaw) throws Exception {
    Path dir = Files.createDirectories(phase.resolve("warmup"));
    log("warm-up: %d calls for %d s", o.warmupCalls(), o.warmup());
    Sipp callers = SippLoad.callers(dir, "127.0.0.1:" + engine.sipPort(), ulaw, o.warmupCalls(), o.rate(),
        o.warmup() * 1000L, FreePorts.udp(), FreePorts.tcp());
    Duration limit = Duration.ofMillis((long) (o.warmup() + o.warmupCalls() / (double) o.rate() + 60) * 1000);
    int exit = callers.await(limit);
    log("warm-up done (sipp exit %d)", exit);
    awaitRecords(engine);
  }

  /** Scrapes the engine's live sessions once at the start and once at the end of the steady window. */
  private static final class SteadyProbe implements Runnable {
    private final EngineUnderLoad engine;
    private final long start;
    private final long end;
    volatile int sessionsAtStart = -1;
    volatile int sessionsAtEnd = -1;
    volatile long socketDrops = -1;
    private final LoadOptions o;

    SteadyProbe(EngineUnderLoad engine, long t0, LoadOptions o) {
      this.engine = engine;
      this.o = o;
      this.start = at(t0, o.steadyStartSeconds());
      this.end = at(t0, o.steadyEndSeconds());
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      try {
        if (sessionsAtStart < 0 && now >= start) {
          sessionsAtStart = (int) engine.metrics().value("voice_media_sessions");
        } else if (sessionsAtEnd < 0 && now >= end) {
          sessionsAtEnd = (int) engine.metrics().value("voice_media_sessions");
          socketDrops = ProcessSampler.udpDrops(o.rtpMin(), o.rtpMax());
        }
      } catch (IOException e) {
        log("metrics scrape failed: %s", e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Samples CPU and memory once a second until sipp's callers have finished, with progress lines. */
  private void awaitCallers(Sipp callers, long t0, List<ProcessSampler> samplers, Runnable... each)
      throws Exception {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try {
      timer.scheduleAtFixedRate(() -> {
        samplers.forEach(ProcessSampler::sample);
        for (Runnable r : each) {
          r.run();
        }
        long s = (System.nanoTime() - t0) / 1_000_000_000L;
        if (s % 10 == 0) {
          try {
            java.util.Map<String, String> stats = callers.lastStats();
            log("  %3d s: %s calls up, %s done", s, stats.getOrDefault("CurrentCall", "?"),
                stats.getOrDefault("SuccessfulCall(C)", "?"));
          } catch (IOException e) {
            // progress only
          }
        }
      }, 0, 1, TimeUnit.SECONDS);
      long timeout = (long) ((o.rampSeconds() + o.duration() + 120) * 1000);
      int exit = callers.await(Duration.ofMillis(timeout));
      log("sipp callers exited with %d", exit);
    } finally {
      timer.shutdownNow();
      timer.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Waits (bounded) until every call has reached the store as ended. */
  private void awaitRecords(EngineUnderLoad engine) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if ((int) engine.metrics().value("voice_calls_active") == 0) {
        String page = engine.get("/v1/calls?status=in-progress&limit=1");
        if (page.contains("\"total\":0")) {
          return;
        }
      }
      Thread.sleep(500);
    }
    log("warning: some calls were still open 60 s after the callers finished");
  }

  private static long at(long t0, double seconds) {
    return t0 + (long) (seconds * 1e9);
  }

  private static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
    } catch (IOException e) {
      // keep the default
    }
    return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", " + System.getProperty("os.name") + " "
        + System.getProperty("os.version") + ", Java " + System.getProperty("java.version");
  }

  static void log(String format, Object... args) {
    System.err.printf(java.util.Locale.ROOT, "[load] " + format + "%n", args);
  }
}
