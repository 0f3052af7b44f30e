package dev.voiceengine.bench.dialer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * How long a small write plus sync takes in a folder now: the store commits every claim with a sync of its
 * write-ahead log, so on a disk shared with other work this sets much of the dialer's pace. Reported beside each run.
 */
final class FsyncProbe {
  private static final int SYNCS = 50;

  private FsyncProbe() {}

  /** "sync p50 / p99 ms" over {@value #SYNCS} 4 KiB appends, each forced to the device. */
  static String measure(Path dir) throws IOException {
    Path file = Files.createTempFile(dir, "fsync-probe", ".bin");
    long[] nanos = new long[SYNCS];
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer block = ByteBuffer.allocate(4096);
      for (int i = 0; i < SYNCS; i++) {
        block.clear();
        ch.write(block);
        long t = System.nanoTime();
        ch.force(false);
        nanos[i] = System.nanoTime() - t;
      }
    } finally {
      Files.deleteIfExists(file);
    }
    Arrays.sort(nanos);
    return "sync of 4 KiB in %s: p50 %.2f / p99 %.2f ms".formatted(dir, nanos[SYNCS / 2] / 1e6,
        nanos[SYNCS * 99 / 100] / 1e6);
  }
}
