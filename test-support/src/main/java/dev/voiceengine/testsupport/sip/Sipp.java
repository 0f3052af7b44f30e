package dev.voiceengine.testsupport.sip;

import dev.voiceengine.testsupport.net.FreePorts;
import dev.voiceengine.testsupport.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * sipp, a real SIP peer, as a bounded child process on loopback: the calls of the SIP stack's and the engine's tests,
 * and the callers and far end of the load harness. Every run has a limit (a hung peer fails, it never hangs), and
 * {@link #output()} gathers what sipp said (its screen and its {@code -trace_err}/{@code -trace_msg} logs) for
 * failure messages.
 */
public final class Sipp implements AutoCloseable {
  /** How long a single call of {@link #call} may take before sipp is killed. */
  public static final Duration LIMIT = Duration.ofSeconds(45);
  private static final int SCREEN_TAIL = 4000;
  private static final int LOG_TAIL = 12000;

  private final Path workDir;
  private final String name;
  private final List<String> command;
  private final Duration limit;
  private Process process;
  private Path screen;

  private Sipp(Path workDir, String name, List<String> command, Duration limit) {
    this.workDir = workDir;
    this.name = name;
    this.command = List.copyOf(command);
    this.limit = limit;
  }

  /**
   * Any sipp command line ({@code command.get(0)} is "sipp"), run in {@code workDir}, which keeps it as
   * {@code NAME-command.txt} and its screen as {@code NAME-screen.log}: a record of a load run.
   */
  public static Sipp named(Path workDir, String name, List<String> command) {
    return new Sipp(workDir, name, command, LIMIT);
  }

  /**
   * A single call ({@code -m 1}) from {@code localIp} to 127.0.0.1:{@code serverPort} dialling {@code service},
   * with its messages traced ({@code -trace_msg}).
   *
   * @param scenario a built-in scenario ("uac"), else a file name under {@code /sipp/} on the class path
   */
  public static Sipp call(Path workDir, String scenario, String localIp, int serverPort, String service,
      String... extra) throws IOException {
    return call(workDir, scenario, Map.of(), localIp, serverPort, service, extra);
  }

  /** As above, with {@code "@KEY@"} placeholders in the scenario file replaced first. */
  public static Sipp call(Path workDir, String scenario, Map<String, String> replacements, String localIp,
      int serverPort, String service, String... extra) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("sipp"));
    if (scenario.endsWith(".xml")) {
      cmd.addAll(List.of("-sf", SippScenario.writeNew(workDir, "/sipp/" + scenario, replacements).toString()));
    } else {
      cmd.addAll(List.of("-sn", scenario));
    }
    cmd.addAll(loopback(localIp, serverPort, Duration.ofSeconds(30)));
    cmd.addAll(List.of("-s", service, "-m", "1", "-trace_msg"));
    cmd.addAll(List.of(extra));
    return new Sipp(workDir, null, cmd, LIMIT);
  }

  /**
   * sipp against the engine on 127.0.0.1:{@code enginePort} with the usual loopback options plus {@code args}
   * (scenario, service, number of calls...). sipp gives up after {@code timeout}; the process is killed 15 s later.
   */
  public static Sipp toEngine(Path workDir, int enginePort, Duration timeout, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("sipp"));
    cmd.addAll(loopback("127.0.0.1", enginePort, timeout));
    cmd.addAll(List.of(args));
    return new Sipp(workDir, null, cmd, timeout.plusSeconds(15));
  }

  /** Runs {@link #toEngine} to its end: exit code (0: every call succeeded) and {@link #output()}. */
  public static Processes.Result run(Path workDir, int enginePort, Duration timeout, String... args)
      throws IOException, InterruptedException {
    Sipp sipp = toEngine(workDir, enginePort, timeout, args);
    int exit = sipp.run();
    return new Processes.Result(exit, sipp.output());
  }

  /** Runs {@link #toEngine} and fails unless every call succeeded (exit 0), showing sipp's output if not. */
  public static void runOk(Path workDir, int enginePort, Duration timeout, String... args)
      throws IOException, InterruptedException {
    Processes.Result r = run(workDir, enginePort, timeout, args);
    if (r.exitCode() != 0) {
      throw new AssertionError("sipp exit code " + r.exitCode() + "; output:\n" + r.output());
    }
  }

  /** Local address and ports, the target, and bounds shared by every test call. */
  private static List<String> loopback(String localIp, int serverPort, Duration timeout) throws IOException {
    return List.of("127.0.0.1:" + serverPort, "-i", localIp, "-p", Integer.toString(FreePorts.sip(localIp)),
        "-mi", localIp, "-mp", Integer.toString(FreePorts.sip(localIp)), "-nostdin",
        "-timeout", timeout.toSeconds() + "s", "-timeout_error", "-trace_err");
  }

  /** Starts sipp; its screen goes to a file of the work folder. */
  public Sipp start() throws IOException {
    if (name == null) {
      screen = Files.createTempFile(workDir, "sipp-", ".screen");
    } else {
      Files.writeString(workDir.resolve(name + "-command.txt"), String.join(" ", command) + "\n");
      screen = workDir.resolve(name + "-screen.log");
    }
    process = Processes.start(workDir, command, screen);
    return this;
  }

  /** Starts sipp and waits for its end. @return its exit code (0: every call succeeded) */
  public int run() throws IOException, InterruptedException {
    return start().await();
  }

  /** Waits for sipp's end within its limit. @return its exit code (0: every call succeeded) */
  public int await() throws IOException, InterruptedException {
    return await(limit);
  }

  /**
   * Waits for sipp to exit by itself within {@code max}; kills it on overrun.
   *
   * @return its exit code (0: every call succeeded)
   * @throws IllegalStateException when it overran, with its output
   */
  public int await(Duration max) throws IOException, InterruptedException {
    if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      throw new IllegalStateException("sipp did not finish within " + max + "\n" + output());
    }
    return process.exitValue();
  }

  /** The file sipp's screen goes to (null before {@link #start()}). */
  public Path screen() {
    return screen;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  /** Kills sipp at once (SIGKILL). */
  public void kill() {
    if (alive()) {
      process.destroyForcibly();
    }
  }

  /** Stops sipp (a far end never ends by itself): SIGTERM, then SIGKILL after 5 s. */
  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** The last row of sipp's statistics, when the command asked for them ({@code -trace_stat -stf FILE}). */
  public Map<String, String> lastStats() throws IOException {
    int at = command.indexOf("-stf");
    return at < 0 ? Map.of() : SippStats.lastRow(workDir.resolve(command.get(at + 1)));
  }

  /** A counter of the last statistics row, e.g. "SuccessfulCall(C)"; -1 when absent. */
  public long counter(String column) throws IOException {
    return SippStats.counter(lastStats(), column);
  }

  /** The command, the tail of sipp's screen, and the tails of the logs in the work folder, for failure messages. */
  public String output() throws IOException {
    StringBuilder b = new StringBuilder("command: ").append(String.join(" ", command)).append('\n');
    if (screen != null && Files.exists(screen)) {
      b.append(Processes.tail(Files.readString(screen, StandardCharsets.ISO_8859_1), SCREEN_TAIL)).append('\n');
    }
    try (var files = Files.list(workDir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".log") && !f.equals(screen)).sorted()
          .toList()) {
        b.append("==== ").append(p.getFileName()).append('\n')
            .append(Processes.tail(Files.readString(p, StandardCharsets.ISO_8859_1), LOG_TAIL)).append('\n');
      }
    }
    return b.toString();
  }
}
