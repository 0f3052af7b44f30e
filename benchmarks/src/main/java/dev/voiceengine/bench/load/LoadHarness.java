package dev.voiceengine.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The load harness: N concurrent sipp calls streaming speech both ways into the real engine (load profile: Silero VAD,
 * recording and turn-taking on every call, fast fake providers over gRPC), and the same load against sipp's RTP
 * echo as a floor; prints and writes the report. Stops by itself, bounded in time.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Drives N concurrent SIP calls into the engine and reports what it cost and how the audio fared.")
public final class LoadHarness implements Callable<Integer> {
  @Option(names = "--calls", defaultValue = "100", description = "concurrent calls (default ${DEFAULT-VALUE})")
  int calls;

  @Option(names = "--rate", defaultValue = "50", description = "new calls per second (default ${DEFAULT-VALUE})")
  int rate;

  @Option(names = "--duration", defaultValue = "60", description = "seconds each call lasts (default ${DEFAULT-VALUE})")
  int duration;

  @Option(names = "--no-baseline", description = "skip the sipp RTP-echo baseline")
  boolean noBaseline;

  @Option(names = "--warmup", defaultValue = "30",
      description = "seconds of calls (up to 200) before the measured ones, 0 for none (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--vad", defaultValue = "silero+gate",
      description = "silero, silero+gate or webrtc (default ${DEFAULT-VALUE})")
  String vad;

  @Option(names = "--jitter-ms", defaultValue = "60",
      description = "the engine's jitter-buffer delay, ms (default ${DEFAULT-VALUE})")
  int jitterMs;

  @Option(names = "--engine-jar", defaultValue = "server/target/voice-engine.jar",
      description = "the engine's executable jar (default ${DEFAULT-VALUE})")
  Path engineJar;

  @Option(names = "--engine-jvm", defaultValue = "-Xms1g -Xmx1g -XX:+UseParallelGC",
      description = "JVM options of the engine process (default ${DEFAULT-VALUE})")
  String engineJvm;

  @Option(names = "--out", description = "folder for logs and report.json (default: a new temporary folder)")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoadHarness()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path dir = out != null ? Files.createDirectories(out) : Files.createTempDirectory("voice-load");
    if (!Files.isRegularFile(engineJar)) {
      throw new IllegalArgumentException("--engine-jar " + engineJar + " does not exist (build with mvn package)");
    }
    LoadOptions options = new LoadOptions(calls, rate, duration, !noBaseline, warmup, vad, jitterMs,
        engineJar.toAbsolutePath(), engineJvm, dir);
    options.validate();
    LoadReport report = new LoadRun(options).run();
    report.print(System.out);
    report.writeJson(dir.resolve("report.json"));
    System.out.println("report: " + dir.resolve("report.json"));
    return report.engine().completed() == calls ? 0 : 1;
  }
}
