package dev.voiceengine.media.record;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes of recorded audio that may wait for the disk, shared by every call of an engine. A per-call limit does not
 * bound memory: a thousand calls each allowed a few MB during a disk stall exhaust the heap. One engine-wide budget
 * does; a chunk that does not fit is dropped (and later written as silence at its offset, see
 * {@link CallRecorder}). Lock-free: taken on event loops, returned on recorder threads.
 */
public final class RecordingBudget {
  private final long capacity;
  private final AtomicLong used = new AtomicLong();

  public RecordingBudget(long capacityBytes) {
    if (capacityBytes <= 0) {
      throw new IllegalArgumentException("recording budget must be positive: " + capacityBytes);
    }
    this.capacity = capacityBytes;
  }

  /** Reserves {@code bytes}; false (nothing reserved) when that would go over the budget. */
  public boolean tryAcquire(int bytes) {
    long now;
    do {
      now = used.get();
      if (now + bytes > capacity) {
        return false;
      }
    } while (!used.compareAndSet(now, now + bytes));
    return true;
  }

  /** Returns bytes taken by {@link #tryAcquire} once they are written (or given up on). */
  public void release(int bytes) {
    used.addAndGet(-bytes);
  }

  /** Bytes reserved now. */
  public long used() {
    return used.get();
  }

  public long capacity() {
    return capacity;
  }
}
