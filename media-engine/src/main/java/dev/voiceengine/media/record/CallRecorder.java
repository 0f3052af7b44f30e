package dev.voiceengine.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one call as a stereo WAV (caller left, agent right, one timeline) without blocking the event loop.
 *
 * <p>The call's event loop appends one frame per tick into a chunk buffer; every {@code framesPerChunk} frames the
 * chunk is handed to a {@link SerialExecutor} over the shared recorder pool, which appends it to the file and
 * patches the header (see {@link WavWriter}). Opening, writing and closing all happen on that serial executor, in
 * order. If the disk falls behind by more than {@code maxPendingChunks}, further chunks are dropped (counted and
 * logged) rather than growing memory without bound.
 *
 * <p>{@link #append}, {@link #appendSilence} and {@link #finish} are called on the call's event loop only.
 */
public final class CallRecorder {
  private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

  private final Path file;
  private final String relativePath;
  private final SerialExecutor serial;
  private final int frameSamples;
  private final int chunkBytes;
  private final int maxPendingChunks;
  private final AtomicInteger pendingChunks = new AtomicInteger();
  private final CompletableFuture<RecordingResult> result = new CompletableFuture<>();

  private byte[] chunk;
  private int chunkLength;
  private boolean finished;
  private long droppedChunks;

  // Touched only by tasks on the serial executor.
  private WavWriter writer;
  private boolean failed;

  /**
   * @param file             where to write (created or truncated)
   * @param relativePath     how the file is named in events (relative to the data directory)
   * @param pool             shared pool for blocking file I/O
   * @param frameSamples     samples per channel in one frame (160 for 20 ms at 8 kHz)
   * @param framesPerChunk   frames gathered before a write (25 → every 0.5 s)
   * @param maxPendingChunks chunks allowed to wait for the disk before new ones are dropped
   */
  public CallRecorder(Path file, String relativePath, Executor pool, int frameSamples, int framesPerChunk,
      int maxPendingChunks) {
    this.file = file;
    this.relativePath = relativePath;
    this.serial = new SerialExecutor(pool);
    this.frameSamples = frameSamples;
    this.chunkBytes = frameSamples * framesPerChunk * WavFormat.CALL_STEREO.blockAlign();
    this.maxPendingChunks = maxPendingChunks;
    this.chunk = new byte[chunkBytes];
    serial.execute(this::open);
  }

  /** Appends one frame: {@code caller} to the left channel, {@code agent} to the right. */
  public void append(short[] caller, short[] agent) {
    if (finished) {
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
    for (int f = 0; f < frames && !finished; f++) {
      java.util.Arrays.fill(chunk, chunkLength, chunkLength + frameSamples * 4, (byte) 0);
      chunkLength += frameSamples * 4;
      if (chunkLength == chunkBytes) {
        flushChunk();
      }
    }
  }

  /**
   * Writes what is buffered, patches the header and closes the file, all off the loop. The future completes on
   * the recorder thread once the file is closed. Idempotent.
   */
  public CompletableFuture<RecordingResult> finish() {
    if (!finished) {
      if (chunkLength > 0) {
        flushChunk();
      }
      finished = true;
      chunk = null;
      serial.execute(this::close);
    }
    return result;
  }

  /** Chunks dropped because the disk fell behind. */
  public long droppedChunks() {
    return droppedChunks;
  }

  private void flushChunk() {
    if (pendingChunks.get() >= maxPendingChunks) {
      if (droppedChunks++ == 0) {
        log.warn("recording {} falls behind the disk; dropping audio", relativePath);
      }
      chunkLength = 0;
      return;
    }
    ByteBuffer data = ByteBuffer.wrap(chunk, 0, chunkLength);
    pendingChunks.incrementAndGet();
    serial.execute(() -> write(data));
    chunk = new byte[chunkBytes];
    chunkLength = 0;
  }

  private void open() {
    try {
      writer = WavWriter.create(file, WavFormat.CALL_STEREO);
    } catch (IOException e) {
      failed = true;
      log.error("cannot create recording {}", file, e);
    }
  }

  private void write(ByteBuffer data) {
    pendingChunks.decrementAndGet();
    if (writer == null || failed) {
      return;
    }
    try {
      writer.append(data);
    } catch (IOException e) {
      failed = true;
      log.error("writing recording {} failed; keeping what was written", file, e);
    }
  }

  private void close() {
    if (writer == null) {
      result.complete(RecordingResult.NONE);
      return;
    }
    try {
      writer.close(false);
    } catch (IOException e) {
      log.error("closing recording {} failed", file, e);
    }
    result.complete(new RecordingResult(relativePath, writer.seconds()));
  }
}
