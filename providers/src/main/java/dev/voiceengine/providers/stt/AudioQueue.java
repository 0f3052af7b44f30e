package dev.voiceengine.providers.stt;

import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A bounded hand-over of audio bytes from gRPC's callbacks to the decoder thread, read as an {@link InputStream}.
 *
 * <p>The writer never blocks: it learns from {@link #offer}'s answer whether there is room for more, and if not, the
 * reader calls back {@code onRoom} once it has drained below half, so the writer can ask the client for the next
 * message (gRPC flow control pushes back instead of memory growing). Reads block until bytes arrive, the writer
 * {@link #finish finishes} (end of stream) or the stream is {@link #cancel cancelled} (then reads see end of stream at
 * once). A read waits at most {@code idleTimeoutMs} for audio, then sees end of stream, so a silent client cannot
 * hold a decoder for ever.
 */
final class AudioQueue extends InputStream {
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private final long capacity;
  private final long idleTimeoutNanos;
  private final Runnable onRoom;
  private byte[] current = new byte[0];
  private int position;
  private long queued;
  private boolean closed;
  private boolean cancelled;
  private boolean full;
  private boolean timedOut;

  /**
   * @param capacity bytes held before the writer is told to stop
   * @param idleTimeoutMs how long a read waits for audio
   * @param onRoom run (on the reader's thread) when a full queue has drained to half
   */
  AudioQueue(long capacity, long idleTimeoutMs, Runnable onRoom) {
    this.capacity = capacity;
    this.idleTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMs);
    this.onRoom = onRoom;
  }

  /** Adds bytes; returns whether there is room for more (if not, {@code onRoom} runs later). */
  synchronized boolean offer(byte[] bytes) {
    if (!closed && !cancelled && bytes.length > 0) {
      chunks.add(bytes);
      queued += bytes.length;
      notifyAll();
    }
    full = queued >= capacity;
    return !full;
  }

  /** Closing the reader's side changes nothing: the writer ends the stream with {@link #finish}. */
  @Override
  public void close() {}

  /** The writer's end of stream. */
  synchronized void finish() {
    closed = true;
    notifyAll();
  }

  /** Stops the reader at once; queued audio is dropped. */
  synchronized void cancel() {
    cancelled = true;
    chunks.clear();
    notifyAll();
  }

  synchronized boolean timedOut() {
    return timedOut;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    boolean room = false;
    int n;
    synchronized (this) {
      if (!awaitBytes()) {
        return -1;
      }
      n = Math.min(len, current.length - position);
      System.arraycopy(current, position, b, off, n);
      position += n;
      queued -= n;
      if (full && queued < capacity / 2) {
        full = false;
        room = true;
      }
    }
    if (room) {
      onRoom.run();
    }
    return n;
  }

  /** Waits for unread bytes in {@code current}; false at end of stream. Holds the lock. */
  private boolean awaitBytes() {
    long deadline = System.nanoTime() + idleTimeoutNanos;
    while (!cancelled && position == current.length) {
      byte[] next = chunks.poll();
      if (next != null) {
        current = next;
        position = 0;
        continue;
      }
      if (closed) {
        return false;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        timedOut = true;
        return false;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        cancelled = true;
      }
    }
    return !cancelled;
  }
}
