package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.testsupport.process.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The engine as a separate process, started the way the launcher starts it ({@code Main run ...}) on free ports, its
 * log in a file and its ready line read from stdout. Netty tracks every buffer in it, and a leak report in its log
 * fails the test when the process is closed (in this JVM the test-support leak check does that).
 */
final class EngineProcess implements AutoCloseable {
  /** JVM options that make Netty, and gRPC's shaded copy, track every buffer and log a leak as "LEAK: …". */
  static final List<String> LEAK_DETECTION = List.of("-Dio.netty.leakDetection.level=paranoid",
      "-Dio.grpc.netty.shaded.io.netty.leakDetection.level=paranoid");
  private static final String LEAK_REPORT = "LEAK:";

  final Process process;
  final Path log;
  final Path dataDir;

  private EngineProcess(Process process, Path log, Path dataDir) {
    this.process = process;
    this.log = log;
    this.dataDir = dataDir;
  }

  /** Starts {@code voice-engine run --data-dir DIR/data} plus {@code extra}; ports not given in it are 0 (free). */
  static EngineProcess start(Path dir, String... extra) throws IOException {
    return start(dir, List.of("-cp", System.getProperty("java.class.path"), "dev.voiceengine.server.Main"), extra);
  }

  /** As {@link #start}, running the packaged jar the launcher runs ({@code java -jar voice-engine.jar run ...}). */
  static EngineProcess startJar(Path jar, Path dir, String... extra) throws IOException {
    return start(dir, List.of("-jar", jar.toAbsolutePath().toString()), extra);
  }

  private static EngineProcess start(Path dir, List<String> program, String... extra) throws IOException {
    Path data = dir.resolve("data");
    Path log = Files.createTempFile(dir, "engine", ".log");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(LEAK_DETECTION);
    cmd.addAll(program);
    cmd.addAll(List.of("run", "--data-dir", data.toString()));
    cmd.addAll(List.of(extra));
    for (String port : List.of("--sip-port", "--http-port")) {
      if (!cmd.contains(port)) {
        cmd.addAll(List.of(port, "0"));
      }
    }
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(log.toFile()).start();
    return new EngineProcess(p, log, data);
  }

  /** The JSON ready line; fails with the engine's log if none comes within a minute. */
  JsonNode ready() throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        return out.readLine();
      } catch (IOException e) {
        return null;
      }
    });
    String text = line.get(60, TimeUnit.SECONDS);
    assertThat(text).as("ready line; engine log:\n%s", log()).isNotNull();
    JsonNode ready = new ObjectMapper().readTree(text);
    assertThat(ready.get("event").asText()).isEqualTo("ready");
    return ready;
  }

  /** An API client with the key the engine generated. */
  Api api(JsonNode ready) throws IOException {
    return new Api(ready.get("http_port").asInt(), Files.readString(dataDir.resolve("api-key")).trim());
  }

  /** Waits for the process to exit and returns its exit code; fails (showing the log) if it does not. */
  int awaitExit(long seconds) throws Exception {
    assertThat(process.waitFor(seconds, TimeUnit.SECONDS)).as("engine exited; log:\n%s", log()).isTrue();
    return process.exitValue();
  }

  String log() throws IOException {
    return Files.exists(log) ? Processes.tail(Files.readString(log), 4000) : "";
  }

  /** Ends the process; then fails if Netty reported a leak in its log. */
  @Override
  public void close() throws InterruptedException, IOException {
    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    assertNoLeakReported(log);
  }

  /** Fails, quoting the report, if a process's log holds a Netty leak report. */
  static void assertNoLeakReported(Path log) throws IOException {
    String text = Files.exists(log) ? Files.readString(log) : "";
    int at = text.indexOf(LEAK_REPORT);
    assertThat(at).as("Netty leak report in %s:%n%s", log, at < 0 ? "" : text.substring(at, Math.min(text.length(),
        at + 4000))).isNegative();
  }
}
