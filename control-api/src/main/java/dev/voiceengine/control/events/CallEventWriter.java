package dev.voiceengine.control.events;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves call events off the threads that produce them (Netty event loops, SIP threads) onto one writer thread, in
 * the order they were accepted. {@link #accept} does not block on the store.
 *
 * <p>The writer takes whatever is queued (up to {@link #MAX_BATCH} events, never past a {@link #flush} barrier) and
 * applies it in one transaction ({@link EventApplier#applyAll}): one commit per batch instead of one per event, and
 * the busier the engine, the fuller the batches. Events stay in accept order within and across batches. When a batch
 * fails, its events are written again one at a time, so an event the store refuses for a reason of its own cannot
 * take its neighbours with it, and a store that is down gets the per-event retries below.
 *
 * <p>A failed write is retried a bounded number of times with growing pauses; an event that still cannot be written,
 * that does not fit in the full queue, or that comes while closing, is kept in {@link PendingEvents} on disk and
 * stored after the next successful write (or at the next start). Only an event that cannot even be kept on disk is
 * lost, and that is logged and counted.
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

  /** Most events written in one transaction: bounds the transaction's time and the work redone if it fails. */
  public static final int MAX_BATCH = 256;

  /** While idle this long, the writer tries to store events kept on disk. */
  private static final long IDLE_REPLAY_MILLIS = 1_000;

  private final EventApplier applier;
  private final PendingEvents pending;
  private final RetryPolicy retry;
  private final BlockingQueue<Job> queue;
  private final Thread thread;
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong kept = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final Object closing = new Object();
  private volatile boolean closed;

  public CallEventWriter(EventApplier applier, PendingEvents pending, int capacity, RetryPolicy retry) {
    this.applier = applier;
    this.pending = pending;
    this.retry = retry;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "call-event-writer");
    this.thread.setDaemon(true);
  }

  /** Starts the writer thread. */
  public void start() {
    thread.start();
  }

  /**
   * Queues the event for writing; when the queue is full or the writer is closing, keeps it on disk instead (a rare,
   * short file append). Returns false only when the event could not be kept either (logged as an error).
   */
  public boolean accept(CallEvent event) {
    synchronized (closing) { // uncontended except against close(): no event slips in behind the final drain
      if (!closed && queue.offer(new Write(event))) {
        return true;
      }
    }
    if (!closed) {
      log.error("Call {}: the event queue is full ({} events); keeping the {} event on disk", event.getCallId(),
          queue.size(), StoreEventApplier.kind(event));
    }
    return keep(event);
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

  /** Events kept on disk for later (queue full, writes failing after every retry, or arriving while closing). */
  public long kept() {
    return kept.get();
  }

  /** Events that could not be stored and not even kept on disk. */
  public long lost() {
    return lost.get();
  }

  /** Whether the writer thread has finished (after {@link #close}): nothing touches the store on its behalf now. */
  public boolean stopped() {
    return closed && !thread.isAlive();
  }

  /**
   * Stops accepting into the queue, writes what is queued (waiting at most the timeout) and stops the thread; what
   * could not be written by then is kept on disk for the next start.
   */
  public void close(Duration timeout) {
    synchronized (closing) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      if (!queue.offer(new Stop(), timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        log.error("The event writer did not drain within {}; interrupting it", timeout);
        thread.interrupt();
      }
      thread.join(timeout.toMillis());
      if (thread.isAlive()) {
        log.error("The event writer did not finish within {}; keeping the {} queued events on disk", timeout,
            queue.size());
        thread.interrupt();
        thread.join(timeout.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!thread.isAlive()) {
      List<CallEvent> left = new ArrayList<>();
      Job job;
      while ((job = queue.poll()) != null) {
        if (job instanceof Write w) {
          left.add(w.event());
        } else if (job instanceof Barrier b) {
          b.done().countDown();
        }
      }
      keep(left);
    } else {
      log.error("The event writer is stuck; {} queued events are lost", queue.size());
      lost.addAndGet(queue.size());
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private void run() {
    try {
      while (true) {
        Job job = queue.poll(IDLE_REPLAY_MILLIS, TimeUnit.MILLISECONDS);
        if (job == null) {
          replayKeptEvents();
          continue;
        }
        if (job instanceof Stop) {
          drain();
          return;
        }
        handle(job);
      }
    } catch (InterruptedException e) {
      log.warn("The event writer was interrupted; {} queued events are left for close() to keep", queue.size());
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
      write(batchFrom(write));
    }
  }

  /** The event and the events queued right behind it, up to {@link #MAX_BATCH}; a barrier or stop ends it. */
  private List<CallEvent> batchFrom(Write first) {
    List<CallEvent> batch = new ArrayList<>();
    batch.add(first.event());
    while (batch.size() < MAX_BATCH && queue.peek() instanceof Write next) {
      queue.poll(); // this thread is the only one taking from the queue while it runs: this is `next`
      batch.add(next.event());
    }
    return batch;
  }

  private void write(List<CallEvent> batch) throws InterruptedException {
    boolean stored = (batch.size() > 1 && writeTogether(batch)) || writeOneByOne(batch);
    if (stored && !(queue.peek() instanceof Write)) {
      replayKeptEvents(); // the store works and nothing newer waits: store the kept events now
    }
  }

  /** One transaction for the whole batch; false (nothing written) when it failed. */
  private boolean writeTogether(List<CallEvent> batch) throws InterruptedException {
    try {
      applier.applyAll(batch);
      written.addAndGet(batch.size());
      return true;
    } catch (InterruptedException e) {
      keep(batch);
      throw e;
    } catch (Exception e) {
      log.warn("Writing {} call events in one transaction failed ({}); writing them one at a time", batch.size(),
          e.toString());
      return false;
    }
  }

  /** Each event on its own, with retries; whether any was written. */
  private boolean writeOneByOne(List<CallEvent> batch) throws InterruptedException {
    boolean any = false;
    for (int i = 0; i < batch.size(); i++) {
      try {
        any |= writeWithRetry(batch.get(i));
      } catch (InterruptedException e) {
        keep(batch.subList(i + 1, batch.size()));
        throw e;
      }
    }
    return any;
  }

  /** Whether the event was written; when not, it was kept on disk (or counted lost). */
  private boolean writeWithRetry(CallEvent event) throws InterruptedException {
    long pauseMillis = retry.firstPause().toMillis();
    for (int attempt = 1; ; attempt++) {
      try {
        applier.apply(event);
        written.incrementAndGet();
        return true;
      } catch (InterruptedException e) {
        keep(event);
        throw e;
      } catch (Exception e) {
        if (attempt >= retry.maxAttempts()) {
          log.error("Call {}: the {} event could not be written after {} attempts; keeping it on disk: {}",
              event.getCallId(), StoreEventApplier.kind(event), attempt, e.toString());
          keep(event);
          return false;
        }
        log.warn("Call {}: writing the {} event failed (attempt {} of {}), retrying in {} ms: {}",
            event.getCallId(), StoreEventApplier.kind(event), attempt, retry.maxAttempts(), pauseMillis,
            e.toString());
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException interrupted) {
          keep(event);
          throw interrupted;
        }
        pauseMillis = Math.min(pauseMillis * 2, 2_000);
      }
    }
  }

  /** Stores what was kept on disk, in order, as far as the store takes it now. */
  private void replayKeptEvents() throws InterruptedException {
    if (!pending.isEmpty()) {
      written.addAndGet(pending.replay(applier));
    }
  }

  private boolean keep(CallEvent event) {
    return keep(List.of(event));
  }

  private boolean keep(List<CallEvent> events) {
    if (events.isEmpty()) {
      return true;
    }
    if (pending.appendAll(events)) {
      kept.addAndGet(events.size());
      return true;
    }
    lost.addAndGet(events.size());
    return false;
  }
}
