package dev.voiceengine.control.events;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves call events off the threads that produce them (Netty event loops, SIP threads) onto one writer thread, in
 * the order they were accepted. {@link #accept} never blocks. A failed write is retried a bounded number of times
 * with growing pauses; an event that still cannot be written, or that does not fit in the full queue, is logged as
 * an error with its call id: nothing is dropped silently.
 */
public final class CallEventWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(CallEventWriter.class);

  /** How many times a write is tried, and the pause before the first retry (doubling, at most 2 s). */
  public record RetryPolicy(int maxAttempts, Duration firstPause) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(100));
  }

  private sealed interface Job permits Write, Barrier, Stop {}

  private record Write(CallEvent event) implements Job {}

  private record Barrier(CountDownLatch done) implements Job {}

  private record Stop() implements Job {}

  private final EventApplier applier;
  private final RetryPolicy retry;
  private final BlockingQueue<Job> queue;
  private final Thread thread;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private volatile boolean closed;

  public CallEventWriter(EventApplier applier, int capacity, RetryPolicy retry) {
    this.applier = applier;
    this.retry = retry;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "call-event-writer");
    this.thread.setDaemon(true);
  }

  /** Starts the writer thread. */
  public void start() {
    thread.start();
  }

  /** Queues the event for writing; false (and an error in the log) when it cannot be queued. Never blocks. */
  public boolean accept(CallEvent event) {
    if (closed) {
      log.error("Call {}: {} event arrived after the writer closed; it is not stored", event.getCallId(),
          StoreEventApplier.kind(event));
      lost.incrementAndGet();
      return false;
    }
    if (!queue.offer(new Write(event))) {
      log.error("Call {}: the event queue is full ({} events); the {} event is not stored", event.getCallId(),
          queue.size(), StoreEventApplier.kind(event));
      lost.incrementAndGet();
      return false;
    }
    return true;
  }

  /**
   * Waits until every event accepted before this call has been handled (written, or given up on and logged).
   * Returns false when that did not happen within the timeout.
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Barrier barrier = new Barrier(new CountDownLatch(1));
    if (!queue.offer(barrier, timeout.toNanos(), TimeUnit.NANOSECONDS) || !thread.isAlive()) {
      return false;
    }
    return barrier.done().await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  /** Events written so far. */
  public long written() {
    return written.get();
  }

  /** Events that could not be stored (queue full, writes failing after every retry, or after close). */
  public long lost() {
    return lost.get();
  }

  /** Stops accepting, writes what is queued (waiting at most the timeout) and stops the thread. */
  public void close(Duration timeout) {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!queue.offer(new Stop(), timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        log.error("The event writer did not drain within {}; interrupting it", timeout);
        thread.interrupt();
      }
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      log.error("The event writer did not finish within {}; {} queued events are not stored", timeout,
          queue.size());
      thread.interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private void run() {
    try {
      while (true) {
        Job job = queue.take();
        if (job instanceof Stop) {
          drain();
          return;
        }
        handle(job);
      }
    } catch (InterruptedException e) {
      log.error("The event writer was interrupted; {} queued events are not stored", queue.size());
    }
  }

  /** After Stop: handle whatever slipped in while closing. */
  private void drain() throws InterruptedException {
    Job job;
    while ((job = queue.poll()) != null) {
      if (!(job instanceof Stop)) {
        handle(job);
      }
    }
  }

  private void handle(Job job) throws InterruptedException {
    if (job instanceof Barrier barrier) {
      barrier.done().countDown();
    } else if (job instanceof Write write) {
      writeWithRetry(write.event());
    }
  }

  private void writeWithRetry(CallEvent event) throws InterruptedException {
    long pauseMillis = retry.firstPause().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        applier.apply(event);
        written.incrementAndGet();
        return;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        if (attempt >= retry.maxAttempts()) {
          lost.incrementAndGet();
          log.error("Call {}: giving up on the {} event after {} attempts; it is not stored: {}",
              event.getCallId(), StoreEventApplier.kind(event), attempt, StoreEventApplier.describe(event),
              e);
          return;
        }
        log.warn("Call {}: writing the {} event failed (attempt {} of {}), retrying in {} ms: {}",
            event.getCallId(), StoreEventApplier.kind(event), attempt, retry.maxAttempts(), pauseMillis,
            e.toString());
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException interrupted) {
          lost.incrementAndGet();
          log.error("Call {}: interrupted while retrying the {} event; it is not stored: {}", event.getCallId(),
              StoreEventApplier.kind(event), StoreEventApplier.describe(event));
          throw interrupted;
        }
        pauseMillis = Math.min(pauseMillis * 2, 2_000);
      }
    }
  }
}
