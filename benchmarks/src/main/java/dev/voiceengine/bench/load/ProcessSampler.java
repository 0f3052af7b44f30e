package dev.voiceengine.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a process's CPU time and resident memory from Linux {@code /proc}: {@code stat} fields 14-15 (utime, stime,
 * in clock ticks of 1/100 s, all threads) and {@code status} VmRSS. Samples taken once a second make the timeline the
 * report's CPU per call and RSS come from.
 */
final class ProcessSampler {
  /** USER_HZ; 100 on every Linux this runs on. */
  static final int TICKS_PER_SECOND = 100;

  /** One reading. */
  record Sample(long atNanos, long cpuTicks, long rssKiB) {}

  private final long pid;
  private final List<Sample> samples = new ArrayList<>();

  ProcessSampler(long pid) {
    this.pid = pid;
  }

  /** Takes one sample now; a process that has gone away is not sampled. */
  synchronized void sample() {
    try {
      samples.add(new Sample(System.nanoTime(), cpuTicks(pid), rssKiB(pid)));
    } catch (IOException | RuntimeException e) {
      // the process ended between samples
    }
  }

  synchronized List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** CPU used between the samples closest to the two instants, in cores (1.0 = one core busy). */
  synchronized double coresBetween(long fromNanos, long toNanos) {
    Sample a = closest(fromNanos);
    Sample b = closest(toNanos);
    if (a == null || b == null || b.atNanos() <= a.atNanos()) {
      return Double.NaN;
    }
    double seconds = (b.atNanos() - a.atNanos()) / 1e9;
    return (b.cpuTicks() - a.cpuTicks()) / (double) TICKS_PER_SECOND / seconds;
  }

  synchronized Sample closest(long atNanos) {
    Sample best = null;
    for (Sample s : samples) {
      if (best == null || Math.abs(s.atNanos() - atNanos) < Math.abs(best.atNanos() - atNanos)) {
        best = s;
      }
    }
    return best;
  }

  /** RSS every {@code seconds} seconds of the samples (the first sample, then one per step), KiB. */
  synchronized List<Long> rssEvery(int seconds) {
    List<Long> out = new ArrayList<>();
    long next = Long.MIN_VALUE;
    for (Sample s : samples) {
      if (next == Long.MIN_VALUE || s.atNanos() >= next) {
        out.add(s.rssKiB());
        next = s.atNanos() + seconds * 1_000_000_000L;
      }
    }
    return out;
  }

  synchronized long peakRssKiB() {
    return samples.stream().mapToLong(Sample::rssKiB).max().orElse(0);
  }

  static long cpuTicks(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  static long rssKiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS for process " + pid);
  }

  /**
   * Datagrams the kernel dropped at the IPv4 UDP sockets bound to ports {@code from}..{@code to} (inclusive) that are
   * open now: the {@code drops} column of {@code /proc/net/udp}, counted per socket, so a slow reader elsewhere on
   * the host (such as sipp's callers, which never read what they are sent) does not count.
   */
  static long udpDrops(int from, int to) throws IOException {
    long drops = 0;
    List<String> lines = Files.readAllLines(Path.of("/proc/net/udp"));
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 13) {
        continue;
      }
      int port = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
      if (port >= from && port <= to) {
        drops += Long.parseLong(f[f.length - 1]);
      }
    }
    return drops;
  }
}
