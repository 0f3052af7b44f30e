package dev.voiceengine.control.events;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands stored call events to live watchers (SSE, gRPC WatchEvents) once their store transaction has committed, in
 * log id order (the single event writer publishes).
 *
 * <p>Publishing never blocks the writer: each subscription has a bounded queue, and a subscription whose queue is
 * full is dropped (marked, removed, told once through its signal) instead of waiting. The watcher then ends its
 * stream with an error and can resume from the last id it sent, since every event is in the log.
 */
public final class CallEventBus {
  private static final Logger log = LoggerFactory.getLogger(CallEventBus.class);
  /** Events a subscription may have waiting by default. */
  public static final int DEFAULT_CAPACITY = 4_096;

  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final AtomicLong dropped = new AtomicLong();

  /**
   * Subscribes to the events the filter accepts. {@code signal} runs on the publishing thread after events were
   * queued or the subscription was dropped: it must only hand off (e.g. schedule a drain on an event loop).
   */
  public Subscription subscribe(Predicate<LiveEvent> filter, int capacity, Runnable signal) {
    Subscription subscription = new Subscription(filter, capacity, signal);
    subscriptions.add(subscription);
    return subscription;
  }

  /** Queues the committed events for every subscription that wants them. Never blocks. */
  public void publish(List<LiveEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    for (Subscription s : subscriptions) {
      boolean queued = false;
      for (LiveEvent event : events) {
        if (!s.filter.test(event)) {
          continue;
        }
        if (!s.queue.offer(event)) {
          s.dropped = true;
          subscriptions.remove(s);
          dropped.incrementAndGet();
          log.warn("A call event watcher fell {} events behind and was dropped", s.queue.size());
          break;
        }
        queued = true;
      }
      if (queued || s.dropped) {
        signal(s);
      }
    }
  }

  /** How many subscriptions are live. */
  public int subscribers() {
    return subscriptions.size();
  }

  /** How many subscriptions were dropped for falling behind. */
  public long droppedCount() {
    return dropped.get();
  }

  private static void signal(Subscription s) {
    try {
      s.signal.run();
    } catch (RuntimeException e) {
      log.warn("A call event watcher's signal failed: {}", e.toString());
    }
  }

  /** One watcher's queue of events. */
  public final class Subscription implements AutoCloseable {
    private final Predicate<LiveEvent> filter;
    private final BlockingQueue<LiveEvent> queue;
    private final Runnable signal;
    private volatile boolean dropped;

    private Subscription(Predicate<LiveEvent> filter, int capacity, Runnable signal) {
      this.filter = filter;
      this.queue = new ArrayBlockingQueue<>(capacity);
      this.signal = signal;
    }

    /** The next queued event, or null when none waits. */
    public LiveEvent poll() {
      return queue.poll();
    }

    /** Whether the bus dropped this subscription because its queue was full (events after that were not queued). */
    public boolean dropped() {
      return dropped;
    }

    /** Stops receiving events. */
    @Override
    public void close() {
      subscriptions.remove(this);
    }
  }
}
