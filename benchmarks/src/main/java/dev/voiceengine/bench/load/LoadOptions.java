package dev.voiceengine.bench.load;

import java.nio.file.Path;

/**
 * One load run's settings.
 *
 * @param calls      concurrent calls (each call is placed once)
 * @param rate       new calls per second while ramping up
 * @param duration   seconds each call lasts
 * @param baseline   also run the same load against sipp's RTP echo first
 * @param warmup     seconds of calls before the measured ones, so the engine's JIT has compiled its hot paths
 * @param vad        the engine's voice activity detector
 * @param jitterMs   the engine's jitter-buffer delay
 * @param engineJar  the engine's executable jar
 * @param engineJvm  JVM options for the engine process
 * @param out        where logs, configuration and the report go
 */
record LoadOptions(int calls, int rate, int duration, boolean baseline, int warmup, String vad, int jitterMs, Path engineJar,
    String engineJvm, Path out) {

  /** Admission limit of the engine: above the run's calls so none is refused. */
  int maxCalls() {
    return calls + 10;
  }

  /** Seconds to place every call. */
  double rampSeconds() {
    return calls / (double) rate;
  }

  /** RTP ports for the engine (one even port per call), clear of sipp's ports. */
  String rtpPorts() {
    return rtpMin() + "-" + rtpMax();
  }

  int rtpMin() {
    return 20000;
  }

  int rtpMax() {
    return 20000 + Math.max(100, calls * 2 + 200);
  }

  /** The window in which every call is up: after the ramp (plus settling), before the first call ends. */
  double steadyStartSeconds() {
    return rampSeconds() + 3;
  }

  double steadyEndSeconds() {
    return duration - 2;
  }

  /** Calls of the warm-up wave. */
  int warmupCalls() {
    return Math.min(calls, 200);
  }

  void validate() {
    if (calls < 1 || rate < 1 || duration < 1 || warmup < 0) {
      throw new IllegalArgumentException("--calls, --rate and --duration must be at least 1, --warmup at least 0");
    }
    if (warmup > 0 && warmup < warmupCalls() / (double) rate + 5) {
      throw new IllegalArgumentException("--warmup " + warmup + " is too short to place " + warmupCalls()
          + " calls at " + rate + "/s");
    }
    if (steadyEndSeconds() - steadyStartSeconds() < 5) {
      throw new IllegalArgumentException(String.format(
          "--duration %d is too short for %d calls at %d/s: calls must all be up together for at least 5 s "
              + "(need --duration >= %d)", duration, calls, rate, (int) Math.ceil(rampSeconds() + 10)));
    }
  }
}
