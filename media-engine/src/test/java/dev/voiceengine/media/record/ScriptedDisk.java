package dev.voiceengine.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real WAV files on a disk that fails or hangs on cue: creating the file fails the first {@link #failOpens} times,
 * the appends numbered in {@link #failAppends} fail as if the disk were full, and appends from
 * {@link #stallFromAppend} on wait until {@link #unstall()}.
 */
final class ScriptedDisk implements PcmOutput.Opener {
  static final String FULL = "No space left on device";

  final Set<Integer> failAppends = ConcurrentHashMap.newKeySet();
  volatile int failOpens;
  volatile int stallFromAppend = Integer.MAX_VALUE;
  /** Counted down when an append starts waiting. */
  final CountDownLatch stalled = new CountDownLatch(1);
  private final CountDownLatch stall = new CountDownLatch(1);
  private final AtomicInteger opens = new AtomicInteger();
  private final AtomicInteger appends = new AtomicInteger();

  void unstall() {
    stall.countDown();
  }

  @Override
  public PcmOutput open(Path file) throws IOException {
    if (opens.getAndIncrement() < failOpens) {
      throw new FileSystemException(file.toString(), null, FULL);
    }
    WavWriter writer = WavWriter.create(file, WavFormat.CALL_STEREO);
    return new PcmOutput() {
      @Override
      public boolean append(ByteBuffer pcm) throws IOException {
        int n = appends.getAndIncrement();
        if (n >= stallFromAppend) {
          stalled.countDown();
          try {
            stall.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        if (failAppends.contains(n)) {
          throw new IOException(FULL);
        }
        return writer.append(pcm);
      }

      @Override
      public boolean appendSilence(long bytes) throws IOException {
        return writer.appendSilence(bytes);
      }

      @Override
      public long dataBytes() {
        return writer.dataBytes();
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }
}
