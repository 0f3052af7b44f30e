package dev.voiceengine.testsupport.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external peers of the tests (sipp, baresip, sox, espeak-ng) with a bounded time, stdin closed, and their
 * output kept in a file of the work folder for failure messages: a hung peer fails a test, it never hangs it.
 */
public final class Processes {
  /** The Debian packages of every peer, for the message when one is missing. */
  static final String INSTALL = "apt-get install -y sip-tester baresip sox libsox-fmt-all espeak-ng";

  private Processes() {}

  /** What a finished process left: its exit code (-1 when it was killed for overrunning) and its output. */
  public record Result(int exitCode, String output) {}

  /** Runs {@code command} in {@code workDir} to its end, or kills it after {@code timeout}. */
  public static Result run(Path workDir, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "out", ".out");
    Process p = start(workDir, command, log);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, "TIMED OUT after " + timeout + ": " + command + "\n" + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  /**
   * As {@link #run}, but stops the process (SIGTERM, so it closes its files) once its output contains {@code done}:
   * for peers such as baresip that stay up after their work is over.
   */
  public static Result runUntil(Path workDir, Duration timeout, List<String> command, String done)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "out", ".out");
    Process p = start(workDir, command, log);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (Files.readString(log).contains(done)) {
        Thread.sleep(500);
        p.destroy();
        break;
      }
      Thread.sleep(200);
    }
    if (!p.waitFor(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + 10_000, TimeUnit.MILLISECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      return new Result(-1, "TIMED OUT after " + timeout + ": " + command + "\n" + Files.readString(log));
    }
    return new Result(p.exitValue(), Files.readString(log));
  }

  /**
   * Runs a tool that must succeed (sox, espeak-ng) and returns its output.
   *
   * @throws IllegalStateException when it fails, overruns or is not installed, with its output
   */
  public static String require(Path workDir, Duration timeout, List<String> command)
      throws IOException, InterruptedException {
    Result r = run(workDir, timeout, command);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (" + r.exitCode() + "): " + r.output());
    }
    return r.output();
  }

  /** Starts {@code command} in {@code workDir} with its output (and errors) going to {@code log}. */
  public static Process start(Path workDir, List<String> command, Path log) throws IOException {
    try {
      return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    } catch (IOException e) {
      throw new IOException("cannot run " + command.get(0) + " (a test peer: " + INSTALL + ")", e);
    }
  }

  /** The last {@code max} characters of {@code s}: peers' output is long, its tail has the result. */
  public static String tail(String s, int max) {
    return s.length() > max ? s.substring(s.length() - max) : s;
  }
}
