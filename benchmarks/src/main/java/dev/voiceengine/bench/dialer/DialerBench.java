package dev.voiceengine.bench.dialer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 11's dialer expectation as a benchmark: the engine's jar, one outbound trunk to a sipp far end that answers
 * every INVITE and hangs up after {@code --hold-ms}, batches of distinct numbers posted to {@code POST /v1/calls/batch}
 * at each {@code --rates} value; per run the achieved setups per second (from the records' answer times), setup and
 * queue-to-answer times, and whether any number reached sipp twice. Also samples where the engine's CPU went (per
 * thread) and the dialer thread's stack, to say where a shortfall comes from.
 */
public final class DialerBench {
  private static final Pattern PLACED = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .* call (\\S+) placed to ");
  private DialerBench() {}

  public static void main(String[] args) throws Exception {
    DialerOptions o = DialerOptions.parse(args);
    Path out = o.out() != null ? Files.createDirectories(o.out()) : Files.createTempDirectory("dialer-bench");
    StringBuilder report = new StringBuilder();
    report.append("load before: ").append(loadavg()).append('\n');
    int sippPort = freeUdpPort();
    Path scenario = out.resolve("uas_answer_hangup.xml");
    try (InputStream in = DialerBench.class.getResourceAsStream("/dialer/uas_answer_hangup.xml")) {
      Files.write(scenario, in.readAllBytes());
    }
    int total = o.warmup() + o.calls() * o.rates().size();
    Path log = out.resolve("sipp-invites.log");
    List<String> sippCmd = List.of("sipp", "-sf", scenario.toString(), "-i", "127.0.0.1", "-p",
        Integer.toString(sippPort), "-mi", "127.0.0.1", "-d", Integer.toString(o.holdMs()), "-m",
        Integer.toString(total), "-max_socket", "4096", "-nostdin", "-trace_logs", "-log_file", log.toString(),
        "-trace_stat", "-stf", out.resolve("sipp-stat.csv").toString(), "-fd", "1", "-trace_err",
        "-error_file", out.resolve("sipp-errors.log").toString());
    Files.writeString(out.resolve("sipp-command.txt"), String.join(" ", sippCmd) + "\n");
    Process sipp = new ProcessBuilder(sippCmd).directory(out.toFile())
        .redirectOutput(out.resolve("sipp-screen.log").toFile()).redirectErrorStream(true).start();
    int rtpBase = 30_000 + 2 * ThreadLocalRandom.current().nextInt(5_000);
    Path config = out.resolve("engine.yaml");
    Files.writeString(config, DialerEngine.yaml(out.resolve("data"), o, sippPort, rtpBase));
    List<Run> runs = new ArrayList<>();
    try (DialerEngine engine = DialerEngine.start(out, config, o.engineJvm(), o.engineJar().toAbsolutePath())) {
      if (o.warmup() > 0) {
        runBatches(engine, out, "warm-up", numbers(900, 0, o.warmup()), 50);
      }
      for (int i = 0; i < o.rates().size(); i++) {
        double rate = o.rates().get(i);
        String label = rate == 0 ? "unpaced (trunk " + o.trunkCps() + "/s)" : fmt(rate) + "/s";
        runs.add(runBatches(engine, out, label, numbers(100 + i, 0, o.calls()), rate));
      }
    } finally {
      if (!sipp.waitFor(30, TimeUnit.SECONDS)) {
        sipp.destroy();
        sipp.waitFor(10, TimeUnit.SECONDS);
      }
    }
    List<DialFigures.Invite> invited = invites(log);
    Map<String, Instant> placed = placed(out.resolve("engine.log"), runs);
    report.append("load after: ").append(loadavg()).append('\n');
    report.append("engine: ").append(Files.readString(out.resolve("engine-command.txt")));
    report.append("sipp: ").append(Files.readString(out.resolve("sipp-command.txt")));
    report.append("config:\n").append(Files.readString(config)).append('\n');
    report.append(DialFigures.header()).append('\n');
    boolean ok = true;
    for (Run r : runs) {
      DialFigures f = DialFigures.of(r.label, r.numbers, r.calls, placed, invited);
      report.append(f.row()).append('\n');
      ok &= f.noneTwice();
    }
    report.append('\n');
    for (Run r : runs) {
      report.append(r.label).append(": ").append(r.notes).append('\n');
    }
    report.append(ok ? "every recipient dialled exactly once\n" : "NOT every recipient dialled exactly once\n");
    report.append("files: ").append(out).append('\n');
    Files.writeString(out.resolve("report.md"), report);
    System.out.print(report);
  }

  /** One measured run: its numbers, the records of its calls, and what the engine's threads did meanwhile. */
  private record Run(String label, List<String> numbers, List<JsonNode> calls, String notes) {}

  /** Posts the numbers as batches of at most 100/s (rate 0: one batch without a pace) and waits for them to end. */
  private static Run runBatches(DialerEngine engine, Path out, String label, List<String> numbers, double rate)
      throws Exception {
    int parts = rate <= 100 ? 1 : (int) Math.ceil(rate / 100);
    String sync = FsyncProbe.measure(out);
    Map<String, Double> cpuBefore = ThreadCpu.sample(engine.pid());
    long t0 = System.nanoTime();
    List<String> ids = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      ObjectNode body = DialerEngine.JSON.createObjectNode().put("agent_id", "demo");
      if (rate > 0) {
        body.put("calls_per_second", rate / parts);
      }
      ArrayNode recipients = body.putArray("recipients");
      for (int i = p; i < numbers.size(); i += parts) {
        recipients.addObject().put("to_number", numbers.get(i));
      }
      ids.add(engine.post("/v1/calls/batch", body, 202).get("id").asText());
    }
    double postMs = (System.nanoTime() - t0) / 1e6;
    double expected = numbers.size() / (rate > 0 ? rate : 100.0);
    long deadline = t0 + TimeUnit.SECONDS.toNanos((long) (expected * 4 + 60));
    StackSamples stacks = new StackSamples(engine.pid(), out, label.replaceAll("[^A-Za-z0-9]+", "_"));
    boolean done = false;
    while (!done && System.nanoTime() < deadline) {
      Thread.sleep(500);
      stacks.maybeSample((System.nanoTime() - t0) / 1e9, expected);
      done = true;
      for (String id : ids) {
        done &= engine.get("/v1/calls/batch/" + id).get("state").asText().equals("completed");
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> busiest = ThreadCpu.busiest(cpuBefore, ThreadCpu.sample(engine.pid()), seconds, 8);
    List<JsonNode> calls = new ArrayList<>();
    for (String id : ids) {
      calls.addAll(engine.batchCalls(id));
    }
    String notes = "%s; %s%d batch(es) posted in %.0f ms, over in %.1f s; engine CPU (cores, by thread): %s; %s"
        .formatted(sync, done ? "" : "TIMED OUT; ", parts, postMs, seconds, String.join(", ", busiest),
            stacks.summary());
    return new Run(label, numbers, calls, notes);
  }

  private static List<String> numbers(int block, int from, int count) {
    List<String> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add("+1555%03d%04d".formatted(block, i));
    }
    return out;
  }

  /** Every new call sipp logged ("INVITE number call-id tick uri"). */
  private static List<DialFigures.Invite> invites(Path log) throws IOException {
    List<DialFigures.Invite> out = new ArrayList<>();
    if (!Files.exists(log)) {
      return out;
    }
    for (String line : Files.readAllLines(log, StandardCharsets.ISO_8859_1)) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 4 && f[0].equals("INVITE")) {
        out.add(new DialFigures.Invite(f[1], Long.parseLong(f[3])));
      }
    }
    return out;
  }

  /**
   * When the engine placed each call (its "call ID placed to" log line, a UTC time of day), dated by the day the run's
   * first call was queued; by call id.
   */
  private static Map<String, Instant> placed(Path engineLog, List<Run> runs) throws IOException {
    Map<String, Instant> out = new HashMap<>();
    if (runs.isEmpty() || runs.get(0).calls.isEmpty()) {
      return out;
    }
    LocalDate day = LocalDate.ofInstant(Instant.parse(runs.get(0).calls.get(0).get("created_at").asText()),
        ZoneOffset.UTC);
    for (String line : Files.readAllLines(engineLog, StandardCharsets.UTF_8)) {
      Matcher m = PLACED.matcher(line);
      if (m.find()) {
        out.put(m.group(2), LocalTime.parse(m.group(1)).atDate(day).toInstant(ZoneOffset.UTC));
      }
    }
    return out;
  }

  private static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String loadavg() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
