package dev.voiceengine.sip;

import dev.voiceengine.sip.jain.SipServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs SIPp as a bounded subprocess against a local SipServer. */
final class Sipp {
  static final Duration LIMIT = Duration.ofSeconds(45);

  private final Path workDir;
  private final List<String> command = new ArrayList<>();
  private Process process;
  private Path log;

  private Sipp(Path workDir) {
    this.workDir = workDir;
  }

  /**
   * A single call ({@code -m 1}) from localIp to 127.0.0.1:serverPort, dialling {@code service}.
   *
   * @param scenario  "uac" for the built-in one, else a file name under src/test/resources/sipp/
   */
  static Sipp call(Path workDir, String scenario, String localIp, int serverPort, String service, String... extra)
      throws IOException {
    return call(workDir, scenario, Map.of(), localIp, serverPort, service, extra);
  }

  /** As above, with "@KEY@" placeholders in the scenario file replaced first. */
  static Sipp call(Path workDir, String scenario, Map<String, String> replacements, String localIp, int serverPort,
                   String service, String... extra) throws IOException {
    Sipp s = new Sipp(workDir);
    s.command.add("sipp");
    if (scenario.endsWith(".xml")) {
      Path file = resource("/sipp/" + scenario);
      if (!replacements.isEmpty()) {
        String text = Files.readString(file, StandardCharsets.ISO_8859_1);
        for (Map.Entry<String, String> e : replacements.entrySet()) {
          text = text.replace(e.getKey(), e.getValue());
        }
        file = Files.createTempFile(workDir, scenario.replace(".xml", "-"), ".xml");
        Files.writeString(file, text, StandardCharsets.ISO_8859_1);
      }
      s.command.add("-sf");
      s.command.add(file.toString());
    } else {
      s.command.add("-sn");
      s.command.add(scenario);
    }
    s.command.addAll(List.of("127.0.0.1:" + serverPort, "-s", service, "-i", localIp,
        "-p", Integer.toString(freePort(localIp)), "-mp", Integer.toString(freePort(localIp)),
        "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error", "-trace_err", "-trace_msg"));
    s.command.addAll(List.of(extra));
    return s;
  }

  static Path resource(String name) {
    try {
      return Path.of(Sipp.class.getResource(name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  Sipp start() throws IOException {
    log = Files.createTempFile(workDir, "sipp", ".out");
    process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    return this;
  }

  /** Waits (bounded, killing on overrun) and returns the exit code. */
  int await() throws IOException, InterruptedException {
    if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(5, TimeUnit.SECONDS);
      throw new AssertionError("sipp did not finish within " + LIMIT + "\n" + output());
    }
    return process.exitValue();
  }

  /** Runs to completion and returns the exit code. */
  int run() throws IOException, InterruptedException {
    return start().await();
  }

  void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /** sipp's console output plus its error and message logs, for failure messages. */
  String output() throws IOException {
    StringBuilder b = new StringBuilder("command: ").append(String.join(" ", command)).append('\n');
    if (log != null && Files.exists(log)) {
      String out = Files.readString(log, StandardCharsets.ISO_8859_1);
      // the statistics screen is long; its tail has the result
      b.append(out.length() > 4000 ? out.substring(out.length() - 4000) : out).append('\n');
    }
    try (var files = Files.list(workDir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
        String text = Files.readString(p, StandardCharsets.ISO_8859_1);
        b.append("==== ").append(p.getFileName()).append('\n')
            .append(text.length() > 12000 ? text.substring(text.length() - 12000) : text).append('\n');
      }
    }
    return b.toString();
  }

  /** A port free for UDP and TCP on the address. */
  static int freePort(String ip) throws IOException {
    InetAddress address = InetAddress.getByName(ip);
    for (int i = 0; i < 50; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(address, 0))) {
        int p = udp.getLocalPort();
        try (ServerSocket tcp = new ServerSocket()) {
          tcp.bind(new InetSocketAddress(address, p));
          return p;
        } catch (IOException busy) {
          // try another
        }
      }
    }
    throw new IOException("no free port");
  }
}
