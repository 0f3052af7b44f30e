package dev.voiceengine.bench.dialer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of a process's threads by name, from Linux {@code /proc/PID/task/TID/{comm,stat}} (utime + stime, in
 * clock ticks of 10 ms): where the engine spends its CPU while it dials, e.g. the dialer thread against the SIP and
 * media threads. Threads of one name are summed (names are cut to 15 characters by the kernel).
 */
final class ThreadCpu {
  private static final double TICK_SECONDS = 0.01;

  private ThreadCpu() {}

  /** CPU seconds per thread name now, plus "(process)" for the whole process. */
  static Map<String, Double> sample(long pid) {
    Map<String, Double> out = new HashMap<>();
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (Stream<Path> list = Files.list(tasks)) {
      for (Path t : list.toList()) {
        try {
          String name = Files.readString(t.resolve("comm")).trim().replaceAll("[-#]?\\d+$", "-N");
          out.merge(name, cpu(Files.readString(t.resolve("stat"))), Double::sum);
        } catch (IOException e) {
          // the thread ended between listing and reading
        }
      }
      out.put("(process)", cpu(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
    } catch (IOException e) {
      // the process ended
    }
    return out;
  }

  private static double cpu(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_SECONDS;
  }

  /** The busiest thread names between two samples over {@code seconds}: "name 0.93" (cores), top {@code n}. */
  static List<String> busiest(Map<String, Double> before, Map<String, Double> after, double seconds, int n) {
    List<Map.Entry<String, Double>> used = new ArrayList<>();
    after.forEach((k, v) -> used.add(Map.entry(k, (v - before.getOrDefault(k, 0.0)) / seconds)));
    used.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Double> e : used.subList(0, Math.min(n, used.size()))) {
      out.add("%s %.2f".formatted(e.getKey(), e.getValue()));
    }
    return out;
  }
}
