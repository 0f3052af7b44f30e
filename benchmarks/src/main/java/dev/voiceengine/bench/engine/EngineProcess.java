package dev.voiceengine.bench.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's jar run as its own process for a benchmark, as a user runs it: {@code java [jvm] -jar JAR run --config
 * FILE}, stderr to {@code engine.log} in the run's folder, started once it prints its ready line. The harnesses (load,
 * dialer) share this so they start and read the engine the same way.
 */
public final class EngineProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineProcess() {}

  /** The running engine and its ready line ({@code sip_port}, {@code http_port}, {@code data_dir}, …). */
  public record Started(Process process, JsonNode ready) {}

  /**
   * Starts {@code jar} with {@code config} in {@code dir}; extra JVM options from {@code jvm} (space-separated) and
   * {@code properties} (e.g. {@code -Duser.timezone=UTC}); waits at most {@code timeout} for the ready line.
   */
  public static Started start(Path dir, Path config, Path jar, String jvm, List<String> properties, Duration timeout)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(properties);
    for (String a : jvm.trim().split("\\s+")) {
      if (!a.isEmpty()) {
        cmd.add(a);
      }
    }
    cmd.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
    Files.writeString(dir.resolve("engine-command.txt"), String.join(" ", cmd) + "\n");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectError(dir.resolve("engine.log").toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + timeout.toNanos();
    String line;
    while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
      if (line.contains("\"event\":\"ready\"")) {
        JsonNode ready = JSON.readTree(line);
        Thread drain = new Thread(() -> drain(out), "engine-stdout");
        drain.setDaemon(true);
        drain.start();
        return new Started(p, ready);
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("the engine did not start; see " + dir.resolve("engine.log"));
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // stdout carries only the ready line; keep the pipe from filling
      }
    } catch (IOException e) {
      // the engine exited
    }
  }
}
