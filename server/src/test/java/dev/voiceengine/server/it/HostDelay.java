package dev.voiceengine.server.it;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How long the machine kept the engine's media threads (this JVM's {@code media-rtp*} event loops) from running: the
 * time each was ready to run but waited for a CPU (the run-queue delay Linux keeps in
 * {@code /proc/self/task/TID/schedstat}), plus the JVM's garbage-collection time, during which no Java thread runs.
 * On a shared machine these, not the engine, are what make a media loop fall behind; a test subtracts them from what
 * it blames on the engine.
 */
final class HostDelay {
  private static final String MEDIA_THREADS = "media-rtp";
  /**
   * The most host delay a test may forgive, whatever was measured: a fifth of AdmissionControlTest's 10 s calls. A
   * host that stalls the media threads longer fails the test rather than widening its bounds until they hold for
   * any engine.
   */
  static final long MAX_FORGIVEN_MILLIS = 2_000;

  private final Map<String, Long> runDelayNanos;
  private final long gcMillis;

  private HostDelay(Map<String, Long> runDelayNanos, long gcMillis) {
    this.runDelayNanos = runDelayNanos;
    this.gcMillis = gcMillis;
  }

  /** The counters now. */
  static HostDelay now() throws IOException {
    Map<String, Long> delays = new HashMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          if (Files.readString(task.resolve("comm")).strip().startsWith(MEDIA_THREADS)) {
            String[] fields = Files.readString(task.resolve("schedstat")).strip().split("\\s+");
            delays.put(task.getFileName().toString(), Long.parseLong(fields[1]));
          }
        } catch (IOException gone) {
          // the thread ended between listing and reading
        }
      }
    }
    long gc = 0;
    for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
      gc += Math.max(0, bean.getCollectionTime());
    }
    return new HostDelay(delays, gc);
  }

  /**
   * Milliseconds, since {@code earlier}, that the most delayed media thread could not run: its run-queue wait plus
   * garbage collection.
   */
  long millisSince(HostDelay earlier) {
    long worst = 0;
    for (Map.Entry<String, Long> e : runDelayNanos.entrySet()) {
      worst = Math.max(worst, e.getValue() - earlier.runDelayNanos.getOrDefault(e.getKey(), 0L));
    }
    return worst / 1_000_000 + (gcMillis - earlier.gcMillis);
  }

  /** {@link #millisSince}, but never more than {@link #MAX_FORGIVEN_MILLIS}: what a bound may be widened by. */
  long forgivableMillisSince(HostDelay earlier) {
    return Math.min(millisSince(earlier), MAX_FORGIVEN_MILLIS);
  }

  /** Media threads seen (none would mean the thread names changed and nothing is measured). */
  int threads() {
    return runDelayNanos.size();
  }
}
