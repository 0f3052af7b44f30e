package dev.voiceengine.bench.dialer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dialer benchmark run does.
 *
 * @param calls         recipients per measured batch (distinct numbers)
 * @param rates         one measured batch per entry: its calls_per_second (0 = none, paced by the trunk alone)
 * @param warmup        recipients of a first, unmeasured batch at 50/s (0: none)
 * @param trunkCps      the trunk's calls_per_second
 * @param maxConcurrent the trunk's max_concurrent
 * @param holdMs        how long sipp holds each answered call before its BYE
 * @param vad           the engine's voice activity detector
 * @param engineJvm     JVM options for the engine
 * @param engineJar     the engine's jar
 * @param out           folder for the run's files
 */
record DialerOptions(int calls, List<Double> rates, int warmup, int trunkCps, int maxConcurrent,
    int holdMs, String vad, String engineJvm, Path engineJar, Path out) {

  static final String USAGE = String.join("\n",
      "benchmarks/dialer.sh [--calls 600] [--rates 100,200,0] [--warmup 100] [--trunk-cps 200]",
      "                     [--max-concurrent 500] [--hold-ms 1000] [--vad silero+gate]",
      "                     [--engine-jvm '-Xms512m -Xmx512m'] [--engine-jar server/target/voice-engine.jar]",
      "                     [--out DIR]",
      "  --rates: one measured run per value; a batch may ask at most 100/s, so a value R above 100 is sent as",
      "           ceil(R/100) batches of R/ceil(R/100) per second each, posted together (--calls in all);",
      "           0 = one batch with no pace of its own (the trunk's calls_per_second only)");

  static DialerOptions parse(String[] args) {
    int calls = 600;
    List<Double> rates = List.of(100.0, 200.0, 0.0);
    int warmup = 100;
    int trunkCps = 200;
    int maxConcurrent = 500;
    int holdMs = 1000;
    String vad = "silero+gate";
    String jvm = "-Xms512m -Xmx512m";
    Path jar = Path.of("server/target/voice-engine.jar");
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        System.out.println(USAGE);
        System.exit(0);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(a + " needs a value\n" + USAGE);
      }
      String v = args[++i];
      switch (a) {
        case "--calls" -> calls = Integer.parseInt(v);
        case "--rates" -> {
          List<Double> r = new ArrayList<>();
          for (String s : v.split(",")) {
            r.add(Double.parseDouble(s.trim()));
          }
          rates = r;
        }
        case "--warmup" -> warmup = Integer.parseInt(v);
        case "--trunk-cps" -> trunkCps = Integer.parseInt(v);
        case "--max-concurrent" -> maxConcurrent = Integer.parseInt(v);
        case "--hold-ms" -> holdMs = Integer.parseInt(v);
        case "--vad" -> vad = v;
        case "--engine-jvm" -> jvm = v;
        case "--engine-jar" -> jar = Path.of(v);
        case "--out" -> out = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + a + "\n" + USAGE);
      }
    }
    if (calls < 1 || calls > 1000) {
      throw new IllegalArgumentException("--calls: 1 to 1000 (a batch's limit)");
    }
    return new DialerOptions(calls, rates, warmup, trunkCps, maxConcurrent, holdMs, vad, jvm, jar, out);
  }
}
