package dev.voiceengine.bench.dialer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A few {@code jstack} samples of the engine in the middle of a run (at 30 %, 50 % and 70 % of its expected length),
 * kept in the run's folder, with the dialer thread's top frames counted: whether it waits for its pace, the store or
 * the engine.
 */
final class StackSamples {
  private static final double[] AT = {0.3, 0.5, 0.7};
  private static final int FRAMES = 3;

  private final long pid;
  private final Path dir;
  private final String name;
  private final TreeMap<String, Integer> tops = new TreeMap<>();
  private int taken;

  StackSamples(long pid, Path dir, String name) {
    this.pid = pid;
    this.dir = dir;
    this.name = name;
  }

  /** Takes the next sample once {@code elapsed} passes its share of {@code expected} seconds. */
  void maybeSample(double elapsed, double expected) {
    if (taken >= AT.length || elapsed < AT[taken] * expected) {
      return;
    }
    taken++;
    try {
      Process p = new ProcessBuilder("jstack", Long.toString(pid)).redirectErrorStream(true).start();
      String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(20, TimeUnit.SECONDS);
      Files.writeString(dir.resolve("jstack-" + name + "-" + taken + ".txt"), dump);
      tops.merge(dialerTop(dump), 1, Integer::sum);
    } catch (Exception e) {
      tops.merge("(jstack failed: " + e + ")", 1, Integer::sum);
    }
  }

  /** The dialer thread's state and first frames in one dump. */
  static String dialerTop(String dump) {
    int at = dump.indexOf("\"outbound-dialer\"");
    if (at < 0) {
      return "(no dialer thread)";
    }
    String[] lines = dump.substring(at).split("\n");
    List<String> out = new ArrayList<>();
    for (int i = 1; i < lines.length && out.size() <= FRAMES; i++) {
      String l = lines[i].trim();
      if (l.isEmpty()) {
        break;
      }
      if (l.startsWith("java.lang.Thread.State:")) {
        out.add(l.substring("java.lang.Thread.State:".length()).trim());
      } else if (l.startsWith("at ")) {
        out.add(l.substring(3).replaceAll("\\(.*\\)", ""));
      }
    }
    return String.join(" < ", out);
  }

  String summary() {
    return "dialer thread in " + taken + " jstack samples: " + tops;
  }
}
