package dev.voiceengine.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A load run's results: the sipp RTP-echo floor, then the engine under the same load. */
record LoadReport(String date, String machine, LoadOptions options, Baseline baseline, Engine engine) {

  /**
   * The same calls against sipp's RTP echo (no decoding, no VAD, no recording).
   *
   * @param echoCores      CPU of the echo process while every call was up, in cores
   * @param callersCores   CPU of the sipp callers meanwhile (the load generator itself)
   */
  record Baseline(long attempted, long successful, double echoCores, double echoPercentPerCall,
      double callersCores) {}

  /**
   * The engine under load.
   *
   * @param cores                  engine CPU while every call was up, in cores (1.0 = one core)
   * @param percentPerCall         that over the calls, in % of one core
   * @param ratioToEcho            percentPerCall over the echo's
   * @param vadCpuMsPerCallSecond  CPU of voice-activity inference per second of call audio
   */
  record Engine(long attempted, long sippSuccessful, long sippFailed, int completed, double cores,
      double percentPerCall, double ratioToEcho, double callersCores, int sessionsAtSteadyStart,
      int sessionsAtSteadyEnd, long rssIdleMiB, long rssSteadyStartMiB, long rssSteadyMiB, long rssPeakMiB,
      double vadCpuMsPerCallSecond, long vadWindows, long vadInferred, long vadDropped, long framesSkipped, long framesCaughtUp,
      double sendDeviationP50Ms, double sendDeviationP99Ms, double sendDeviationMaxMs, long packetsMeasured,
      List<Long> rssEveryMinuteMiB, long greetingsHeard, double greetingP50Ms, double greetingP99Ms,
      double greetingMaxMs, long rtpSocketDrops, CallRecords records) {}

  void print(PrintStream out) {
    Engine e = engine;
    CallRecords r = e.records();
    out.printf(Locale.ROOT, "%nload run %s on %s%n", date, machine);
    out.printf(Locale.ROOT, "  %d calls at %d/s, %d s each, vad %s, jitter %d ms, engine JVM %s%n", options.calls(),
        options.rate(), options.duration(), options.vad(), options.jitterMs(), options.engineJvm());
    if (baseline != null) {
      out.printf(Locale.ROOT, "baseline (sipp -rtp_echo): %d/%d calls ok; echo CPU %.3f cores = %.4f %% of a core per"
          + " call; callers %.2f cores%n", baseline.successful(), baseline.attempted(), baseline.echoCores(),
          baseline.echoPercentPerCall(), baseline.callersCores());
    }
    out.printf(Locale.ROOT, "calls: attempted %d, answered %d, completed %d, failed %d (sipp: %d ok, %d failed)%n",
        e.attempted(), r.answered(), r.completed(), r.failed(), e.sippSuccessful(), e.sippFailed());
    out.printf(Locale.ROOT, "engine CPU with %d-%d calls up: %.3f cores = %.4f %% of a core per call%s%n",
        e.sessionsAtSteadyStart(), e.sessionsAtSteadyEnd(), e.cores(), e.percentPerCall(),
        Double.isNaN(e.ratioToEcho()) ? "" : String.format(Locale.ROOT, " (%.1fx the echo)", e.ratioToEcho()));
    out.printf(Locale.ROOT, "callers (sipp) CPU meanwhile: %.2f cores%n", e.callersCores());
    out.printf(Locale.ROOT, "engine RSS: idle %d MiB, all calls up %d → %d MiB (%+d MiB over the steady window), peak"
        + " %d MiB%n", e.rssIdleMiB(), e.rssSteadyStartMiB(), e.rssSteadyMiB(),
        e.rssSteadyMiB() - e.rssSteadyStartMiB(), e.rssPeakMiB());
    out.printf(Locale.ROOT, "engine RSS each minute (MiB): %s%n", e.rssEveryMinuteMiB());
    out.printf(Locale.ROOT, "VAD: %.3f ms CPU per call-second; windows %d, inferred %d, dropped %d%n",
        e.vadCpuMsPerCallSecond(), e.vadWindows(), e.vadInferred(), e.vadDropped());
    out.printf(Locale.ROOT, "outbound packet interval, |deviation from 20 ms| over %d packets: p50 %.3f  p99 %.3f  max"
        + " %.3f ms; frames caught up %d, skipped %d%n", e.packetsMeasured(), e.sendDeviationP50Ms(),
        e.sendDeviationP99Ms(), e.sendDeviationMaxMs(), e.framesCaughtUp(), e.framesSkipped());
    out.printf(Locale.ROOT, "RTP in: %d packets, lost %d (%d calls), late %d (%d calls), invalid %d; jitter mean %.2f"
        + " max %.2f ms; out: %d packets; kernel drops at the engine's RTP sockets %d%n", r.packetsIn(), r.packetsLost(),
        r.callsWithLoss(), r.packetsLate(), r.callsLate(), r.packetsInvalid(), r.meanJitterMs(), r.maxJitterMs(),
        r.packetsOut(), e.rtpSocketDrops());
    out.printf(Locale.ROOT, "recordings incomplete: %d%n", r.recordingsIncomplete());
    out.printf(Locale.ROOT, "setup (INVITE → answered) ms: %s; %.1f setups/s%n", r.setupMs(), r.setupsPerSecond());
    out.printf(Locale.ROOT, "answer → first greeting audio ms (%d calls): p50 %.1f  p99 %.1f  max %.1f%n",
        e.greetingsHeard(), e.greetingP50Ms(),
        e.greetingP99Ms(), e.greetingMaxMs());
    out.printf(Locale.ROOT, "caller turns: %d%n", r.callerTurns());
    out.printf(Locale.ROOT, "  voice-to-voice ms:        %s%n", r.voiceToVoiceMs());
    out.printf(Locale.ROOT, "  endpoint (VAD+silence) ms: %s%n", r.endpointMs());
    out.printf(Locale.ROOT, "  providers (stt+llm+tts) ms: %s%n", r.providersMs());
    out.printf(Locale.ROOT, "  engine-added ms:          %s%n", r.engineAddedMs());
    out.printf(Locale.ROOT, "    of which the jitter buffer's delay: at most %d ms (adaptive)%n", options.jitterMs());
  }

  void writeJson(Path file) throws IOException {
    new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(file.toFile(), this);
  }
}
