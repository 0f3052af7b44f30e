package dev.voiceengine.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Drives the sipp binary against the engine on 127.0.0.1. */
final class Sipp {
  private Sipp() {}

  /** Runs sipp with the usual loopback options plus {@code args}; bounded by {@code timeout}. */
  static Processes.Result run(Path workDir, int enginePort, Duration timeout, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("sipp", "127.0.0.1:" + enginePort, "-i", "127.0.0.1",
        "-p", String.valueOf(Processes.freePort()), "-mi", "127.0.0.1", "-mp", String.valueOf(Processes.freePort()),
        "-nostdin", "-timeout", timeout.toSeconds() + "s", "-timeout_error", "-trace_err"));
    cmd.addAll(List.of(args));
    return Processes.run(workDir, timeout.plusSeconds(15), cmd);
  }

  /** Runs sipp and asserts that every call succeeded (exit 0), showing its output and errors if not. */
  static void runOk(Path workDir, int enginePort, Duration timeout, String... args)
      throws IOException, InterruptedException {
    Processes.Result r = run(workDir, enginePort, timeout, args);
    assertThat(r.exitCode()).as("sipp exit code; output:\n%s\nerrors:\n%s", tail(r.output()), errors(workDir))
        .isZero();
  }

  /**
   * Makes a folder where sipp's built-in uac_pcap finds its capture (it reads pcap/g711a.pcap relative to the working
   * directory).
   */
  static Path pcapWorkDir(Path parent) throws IOException {
    Path dir = Files.createDirectories(parent.resolve("sipp-pcap"));
    Path pcaps = Files.createDirectories(dir.resolve("pcap"));
    for (String f : List.of("g711a.pcap", "dtmf_2833_1.pcap")) {
      Path target = pcaps.resolve(f);
      if (!Files.exists(target)) {
        Files.copy(Path.of("/usr/share/sip-tester", f), target);
      }
    }
    return dir;
  }

  /** Copies a scenario from test resources into {@code dir}, replacing @KEY@ placeholders. */
  static Path scenario(Path dir, String name, String... keyValues) throws IOException {
    String xml;
    try (InputStream in = Sipp.class.getResourceAsStream("/sipp/" + name)) {
      if (in == null) {
        throw new IOException("no scenario " + name);
      }
      xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    for (int i = 0; i + 1 < keyValues.length; i += 2) {
      xml = xml.replace("@" + keyValues[i] + "@", keyValues[i + 1]);
    }
    Path out = dir.resolve(name);
    Files.writeString(out, xml, java.nio.charset.StandardCharsets.ISO_8859_1);
    return out;
  }

  private static String errors(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().endsWith("_errors.log")).toList()) {
        sb.append(tail(Files.readString(p)));
      }
    }
    return sb.toString();
  }

  static String tail(String s) {
    return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
  }
}
