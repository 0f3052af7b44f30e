package dev.voiceengine.media.record;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one call as a stereo WAV (caller left, agent right, one timeline) without blocking the event loop.
 *
 * <p>The call's event loop appends one frame per tick into a chunk buffer; every {@code framesPerChunk} frames the
 * chunk is handed to a {@link SerialExecutor} over the shared recorder pool, where {@link RecordingFile} appends it
 * and patches the header. A chunk is only handed over if it fits the engine-wide {@link RecordingBudget}; otherwise
 * it is dropped and written as silence at its offset once the disk catches up, so memory stays bounded across all
 * calls and the recording stays on the call's timeline.
 *
 * <p>{@link #append}, {@link #appendSilence} and {@link #finish} are called on the call's event loop only.
 */
public final class CallRecorder {
  private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

  private final String relativePath;
  private final SerialExecutor serial;
  private final RecordingBudget budget;
  private final RecordingFile disk;
  private final Duration finishTimeout;
  private final int frameSamples;
  private final int chunkBytes;
  private final CompletableFuture<RecordingResult> closed = new CompletableFuture<>();
  /** Chunks the disk has written, for the loop to fill again: a call reuses its few chunks instead of 32 kB/s. */
  private final ConcurrentLinkedQueue<byte[]> written = new ConcurrentLinkedQueue<>();

  private byte[] chunk;
  private int chunkLength;
  private long timelineBytes;
  private long droppedSinceLastChunk;
  private long droppedChunks;
  private CompletableFuture<RecordingResult> finishing;

  /**
   * @param file         where to write (created or truncated)
   * @param relativePath how the file is named in events (relative to the data directory)
   * @param context      what the engine's recorders share
   */
  public CallRecorder(Path file, String relativePath, RecordingContext context) {
    this.relativePath = relativePath;
    this.serial = new SerialExecutor(context.pool());
    this.budget = context.budget();
    this.disk = new RecordingFile(file, relativePath, context.opener());
    this.finishTimeout = context.finishTimeout();
    this.frameSamples = context.frameSamples();
    this.chunkBytes = frameSamples * context.framesPerChunk() * WavFormat.CALL_STEREO.blockAlign();
    this.chunk = new byte[chunkBytes];
    serial.execute(disk::open);
  }

  /** Appends one frame: {@code caller} to the left channel, {@code agent} to the right. */
  public void append(short[] caller, short[] agent) {
    if (finishing != null) {
      return;
    }
    byte[] c = chunk;
    int o = chunkLength;
    for (int i = 0; i < frameSamples; i++) {
      short l = caller[i];
      short r = agent[i];
      c[o] = (byte) l;
      c[o + 1] = (byte) (l >> 8);
      c[o + 2] = (byte) r;
      c[o + 3] = (byte) (r >> 8);
      o += 4;
    }
    chunkLength = o;
    if (chunkLength == chunkBytes) {
      flushChunk();
    }
  }

  /** Appends {@code frames} frames of silence on both channels (ticks the pacer had to skip). */
  public void appendSilence(int frames) {
    for (int f = 0; f < frames && finishing == null; f++) {
      Arrays.fill(chunk, chunkLength, chunkLength + frameSamples * 4, (byte) 0);
      chunkLength += frameSamples * 4;
      if (chunkLength == chunkBytes) {
        flushChunk();
      }
    }
  }

  /**
   * Writes what is buffered and what is owed as silence, patches the header and closes the file, all off the loop.
   * The future completes once the file is closed, or after the finish timeout with what is known so far and an
   * error (a hung disk must not hold up the end of the call; the file is still closed when the disk returns).
   * Idempotent.
   */
  public CompletableFuture<RecordingResult> finish() {
    if (finishing == null) {
      if (chunkLength > 0) {
        flushChunk();
      }
      chunk = null;
      long dropped = droppedSinceLastChunk;
      long timeline = timelineBytes;
      serial.execute(() -> close(dropped, timeline));
      finishing = bounded(timeline);
    }
    return finishing;
  }

  /** Chunks dropped because the disk fell behind the engine's budget. */
  public long droppedChunks() {
    return droppedChunks;
  }

  private CompletableFuture<RecordingResult> bounded(long timeline) {
    if (finishTimeout == null || finishTimeout.isZero() || finishTimeout.isNegative()) {
      return closed;
    }
    return closed.copy()
        .orTimeout(finishTimeout.toNanos(), TimeUnit.NANOSECONDS)
        .exceptionally(e -> {
          Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
          String why = cause instanceof TimeoutException
              ? "the recording did not finish within " + finishTimeout.toMillis() / 1000.0 + " s (disk stalled)"
              : "the recording failed: " + cause;
          log.warn("recording {}: {}; reporting what was written so far", relativePath, why);
          return disk.unfinished(timeline, why);
        });
  }

  private void flushChunk() {
    int length = chunkLength;
    chunkLength = 0;
    timelineBytes += length;
    if (!budget.tryAcquire(chunkBytes)) {
      if (droppedChunks++ == 0) {
        log.warn("recording {} falls behind the disk (engine budget of {} bytes used); dropping audio",
            relativePath, budget.capacity());
      }
      droppedSinceLastChunk += length;
      return;
    }
    long droppedBefore = droppedSinceLastChunk;
    droppedSinceLastChunk = 0;
    byte[] full = chunk;
    ByteBuffer data = ByteBuffer.wrap(full, 0, length);
    serial.execute(() -> {
      try {
        disk.write(droppedBefore, data);
      } finally {
        budget.release(chunkBytes);
        written.offer(full);
      }
    });
    byte[] next = written.poll();
    chunk = next != null ? next : new byte[chunkBytes];
  }

  private void close(long droppedBefore, long timeline) {
    RecordingResult result = null;
    try {
      result = disk.close(droppedBefore);
    } catch (RuntimeException e) {
      log.error("closing recording {} failed", relativePath, e);
      result = disk.unfinished(timeline, "the recording failed: " + e);
    } finally {
      closed.complete(result);
    }
  }
}
