package dev.voiceengine.server.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs external peers (sipp, baresip, sox) with a bounded time, capturing their output for failure messages. */
final class Processes {
  private Processes() {}

  /** What a finished process left. */
  record Result(int exitCode, String output) {}

  static Result run(Path workDir, Duration timeout, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "out", ".log");
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
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
  static Result runUntil(Path workDir, Duration timeout, List<String> command, String done)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(workDir, "out", ".log");
    Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
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
   * An even port free for TCP and UDP on 127.0.0.1 right now, with the three above it free for UDP too (sipp puts RTP
   * on it, RTCP on the next, video on +2). Linux hands out odd ports for bind(0) (it keeps even ones for connect), so
   * the even neighbour of an OS-chosen port is checked by binding it explicitly.
   */
  static int freePort() throws IOException {
    InetAddress lo = InetAddress.getLoopbackAddress();
    for (int i = 0; i < 200; i++) {
      int candidate;
      try (ServerSocket probe = new ServerSocket(0, 1, lo)) {
        candidate = probe.getLocalPort() & ~1;
      }
      if (candidate < 1024 || candidate > 65000) {
        continue;
      }
      try (ServerSocket tcp = new ServerSocket(candidate, 1, lo);
          DatagramSocket u0 = new DatagramSocket(candidate, lo);
          DatagramSocket u1 = new DatagramSocket(candidate + 1, lo);
          DatagramSocket u2 = new DatagramSocket(candidate + 2, lo);
          DatagramSocket u3 = new DatagramSocket(candidate + 3, lo)) {
        return candidate;
      } catch (IOException busy) {
        // try another
      }
    }
    throw new IOException("no free port found");
  }
}
