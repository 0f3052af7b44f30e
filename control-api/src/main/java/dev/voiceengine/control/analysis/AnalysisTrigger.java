package dev.voiceengine.control.analysis;

import dev.voiceengine.control.events.EventApplier;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs post-call analysis after a call's end is committed, off the event writer's thread: {@link #watch} wraps the
 * store's applier, and once a batch holding {@code ended} events has returned (committed), each such call is queued
 * on a small pool; the writer goes straight on. {@link #start} also walks the calls that ended without analysis
 * (the previous run stopped first, or its queue was full) in pages of {@link #PAGE}, feeding the pool no faster
 * than it works. A call queued twice is analysed once (the in-flight set, and the store writes only over a record
 * without analysis). An analysis lost to a crash or a full queue is done at the next start.
 */
public final class AnalysisTrigger implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AnalysisTrigger.class);
  /** Calls read per page of the start-up scan, and most scan jobs waiting at once. */
  static final int PAGE = 500;
  /** Most calls waiting for the pool before new ones are left to the next start's scan. */
  static final int QUEUE_CAPACITY = 10_000;

  private final AnalysisStore store;
  private final CallAnalyzer analyzer;
  private final AnalysisSettings settings;
  private final ThreadPoolExecutor pool;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final int page;
  private final Semaphore backlogSlots;
  private final Thread scanner;
  private final AtomicLong analyzed = new AtomicLong();
  private volatile boolean closed;

  /** A trigger storing into the database with the settings' analyzer (the model one, falling back to the rules). */
  public AnalysisTrigger(Database database, AnalysisSettings settings, AnalysisListener listener, Clock clock) {
    this(new AnalysisStore(database, listener, clock), new ModelAnalyzer(settings.model(), new HeuristicAnalyzer()),
        settings, PAGE);
  }

  AnalysisTrigger(AnalysisStore store, CallAnalyzer analyzer, AnalysisSettings settings, int page) {
    this.store = store;
    this.page = page;
    this.backlogSlots = new Semaphore(page);
    this.analyzer = analyzer;
    this.settings = settings;
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(settings.threads(), settings.threads(), 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(QUEUE_CAPACITY), r -> {
          Thread t = new Thread(r, "call-analysis-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    this.scanner = new Thread(this::scan, "call-analysis-scan");
    this.scanner.setDaemon(true);
  }

  /** The applier, followed by analysis of every call whose {@code ended} event it has committed. */
  public EventApplier watch(EventApplier applier) {
    return new EventApplier() {
      @Override
      public void apply(CallEvent event) throws Exception {
        applier.apply(event);
        scheduleEnded(List.of(event));
      }

      @Override
      public void applyAll(List<CallEvent> events) throws Exception {
        applier.applyAll(events);
        scheduleEnded(events);
      }
    };
  }

  /** Starts the scan for calls that ended without analysis. */
  public void start() {
    scanner.start();
  }

  /** Calls analysed and stored by this trigger so far. */
  public long analyzed() {
    return analyzed.get();
  }

  /**
   * Queues the call's analysis; returns at once. False when it was not queued (closing, already queued, or the
   * queue is full: then the next start's scan does it).
   */
  public boolean schedule(String callId) {
    String id = normalize(callId);
    if (closed || id == null || !inFlight.add(id)) {
      return false;
    }
    try {
      pool.execute(() -> run(id, null));
      return true;
    } catch (RejectedExecutionException e) {
      inFlight.remove(id);
      if (!closed) {
        log.warn("Call {}: the analysis queue is full; the next start analyses it", id);
      }
      return false;
    }
  }

  private void scheduleEnded(List<CallEvent> events) {
    for (CallEvent event : events) {
      if (event.getKindCase() == CallEvent.KindCase.ENDED) {
        schedule(event.getCallId());
      }
    }
  }

  private void scan() {
    String after = "";
    int found = 0;
    try {
      while (!closed) {
        List<String> ids = store.unanalyzed(after, page);
        for (String id : ids) {
          backlogSlots.acquire(); // no more than a page waits: the pool keeps room for calls ending now
          if (closed || !inFlight.add(id)) {
            backlogSlots.release();
            continue;
          }
          try {
            pool.execute(() -> run(id, backlogSlots));
            found++;
          } catch (RejectedExecutionException e) {
            inFlight.remove(id);
            backlogSlots.release();
          }
        }
        if (ids.size() < page) {
          break;
        }
        after = ids.get(ids.size() - 1);
      }
      if (found > 0) {
        log.info("Queued the analysis of {} call(s) that ended without one", found);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.error("Looking for calls without analysis failed; the next start looks again: {}", e.toString());
    }
  }

  private void run(String id, Semaphore slot) {
    try {
      var input = store.ended(id);
      if (input.isEmpty()) {
        log.debug("Call {}: not stored as ended; nothing to analyse", id);
        return;
      }
      CallAnalysisResult result = analyzer.analyze(input.get(), settings.agent(input.get().call().agentId()));
      if (store.store(id, result)) {
        analyzed.incrementAndGet();
        log.debug("Call {}: analysed ({}, {})", id, result.method(), result.sentiment());
      }
    } catch (Exception | Error e) {
      log.error("Call {}: analysis failed; the next start tries again", id, e);
    } finally {
      inFlight.remove(id);
      if (slot != null) {
        slot.release();
      }
    }
  }

  /** Lower-cases a UUID as the store does; null for an id the store would not keep. */
  private static String normalize(String callId) {
    String id = callId == null ? "" : callId.strip();
    if (id.isEmpty() || id.length() > 64) {
      return null;
    }
    return id.matches("[0-9a-fA-F-]{36}") ? id.toLowerCase(Locale.ROOT) : id;
  }

  /**
   * Stops taking calls and waits (at most the timeout) for the analyses under way; the rest are done at the next
   * start. Call before the store is closed.
   */
  public void close(Duration timeout) {
    closed = true;
    scanner.interrupt();
    pool.shutdown();
    int dropped = pool.getQueue().size();
    pool.getQueue().clear(); // not started yet: the next start's scan finds them
    if (dropped > 0) {
      log.info("{} call(s) waiting for analysis are left to the next start", dropped);
    }
    try {
      if (!pool.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Call analysis did not finish within {}; {} call(s) are left to the next start", timeout,
            pool.getActiveCount());
        pool.shutdownNow();
      }
      scanner.join(timeout.toMillis());
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }
}
