package dev.voiceengine.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sipp processes of a load run: the caller side (N calls at a rate, each streaming the caller audio for the call's
 * length) and, for the baseline, a far end that answers and echoes RTP without decoding it ({@code -rtp_echo}).
 * Statistics come from sipp's own CSV ({@code -trace_stat}).
 */
final class Sipp implements AutoCloseable {
  private final Process process;
  private final Path statFile;
  private final String name;

  private Sipp(String name, Process process, Path statFile) {
    this.name = name;
    this.process = process;
    this.statFile = statFile;
  }

  /** Callers: {@code calls} calls at {@code rate} per second, each lasting {@code callMillis}, against {@code target}. */
  static Sipp callers(Path dir, String target, Path ulaw, int calls, int rate, long callMillis, int sipPort,
      int controlPort) throws IOException {
    Path scenario = dir.resolve("uac_stream.xml");
    try (InputStream in = Sipp.class.getResourceAsStream("/load/uac_stream.xml")) {
      String xml = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
          .replace("@ULAW_FILE@", ulaw.toAbsolutePath().toString());
      Files.writeString(scenario, xml, StandardCharsets.ISO_8859_1);
    }
    Path stat = dir.resolve("callers-stat.csv");
    List<String> cmd = new ArrayList<>(List.of("sipp", target, "-sf", scenario.toString(), "-s", "load",
        "-i", "127.0.0.1", "-p", Integer.toString(sipPort), "-mi", "127.0.0.1", "-cp", Integer.toString(controlPort),
        "-r", Integer.toString(rate), "-rp", "1000", "-l", Integer.toString(calls), "-m", Integer.toString(calls),
        "-d", Long.toString(callMillis), "-max_socket", Integer.toString(calls * 4 + 100),
        "-nostdin", "-trace_stat", "-stf", stat.toString(), "-fd", "1", "-trace_err",
        "-error_file", dir.resolve("callers-errors.log").toString()));
    return start("callers", dir, cmd, stat);
  }

  /** A far end that answers every call and echoes its RTP back unchanged. */
  static Sipp echo(Path dir, int sipPort, int mediaPort, int controlPort, int maxCalls) throws IOException {
    Path stat = dir.resolve("echo-stat.csv");
    List<String> cmd = List.of("sipp", "-sn", "uas", "-rtp_echo", "-i", "127.0.0.1", "-p", Integer.toString(sipPort),
        "-mi", "127.0.0.1", "-mp", Integer.toString(mediaPort), "-cp", Integer.toString(controlPort),
        "-max_socket", Integer.toString(maxCalls * 4 + 100), "-nostdin", "-trace_stat", "-stf", stat.toString(),
        "-fd", "1");
    return start("echo", dir, cmd, stat);
  }

  private static Sipp start(String name, Path dir, List<String> cmd, Path stat) throws IOException {
    Files.writeString(dir.resolve(name + "-command.txt"), String.join(" ", cmd) + "\n");
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(dir.resolve(name + "-screen.log").toFile()).redirectErrorStream(true).start();
    return new Sipp(name, p, stat);
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Waits for sipp to exit by itself. @return its exit code (0: every call succeeded) */
  int await(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("sipp " + name + " did not finish within " + timeoutMillis + " ms");
    }
    return process.exitValue();
  }

  /** The last row of sipp's statistics CSV, column name → value (empty before the first dump). */
  Map<String, String> lastStats() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.exists(statFile)) {
      return out;
    }
    List<String> lines = Files.readAllLines(statFile, StandardCharsets.ISO_8859_1).stream()
        .filter(l -> !l.isBlank()).toList();
    if (lines.size() < 2) {
      return out;
    }
    String[] names = lines.get(0).split(";");
    String[] values = lines.get(lines.size() - 1).split(";");
    for (int i = 0; i < Math.min(names.length, values.length); i++) {
      out.put(names[i].trim(), values[i].trim());
    }
    return out;
  }

  /** A cumulative counter of the last statistics row, e.g. "SuccessfulCall(C)"; -1 when absent. */
  long counter(String column) throws IOException {
    String v = lastStats().get(column);
    return v == null || v.isEmpty() ? -1 : Long.parseLong(v);
  }

  /** Stops sipp (the echo side never ends by itself). */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }
}
