package dev.voiceengine.control.events;

import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.LoggedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One watcher's stream: the logged events after a given id, then the live ones, each once and in id order.
 *
 * <p>It subscribes to the {@link CallEventBus} before reading the log, so nothing committed in between is missed;
 * live events the replay already sent are skipped by id. The log is read on the blocking executor; everything that
 * touches the sink runs on {@code loop} (a single thread, e.g. the request's event loop). Live events are sent only
 * while the sink is {@linkplain Sink#ready() ready}; the sink calls {@link #resume} when it is again. A watcher that
 * lets its queue fill up is ended with {@link Sink#fail}.
 */
public final class EventFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventFeed.class);
  /** Log rows read at once while replaying. */
  static final int PAGE = 1_000;

  /** Where the events go. Called on the feed's loop only. */
  public interface Sink {
    /** Whether another event may be sent now without piling up. */
    boolean ready();

    void send(LiveEvent event);

    /** The stream is complete (the call ended). */
    void end();

    /** The stream cannot go on; {@code message} says why. */
    void fail(String message);
  }

  /**
   * Which events: one call's (callId not null), one organization's (orgId not null), or all; after which id (a
   * negative one: no replay, live events only); whether
   * the stream ends with {@code call.ended}, and whether it ends once the log is replayed (a finished call).
   */
  public record Filter(String callId, String orgId, long afterId, boolean endWithCall, boolean endAfterReplay) {
    boolean accepts(LiveEvent e) {
      return (callId == null || callId.equals(e.callId())) && (orgId == null || orgId.equals(e.orgId()));
    }
  }

  private final CallEventLog eventLog;
  private final Filter filter;
  private final Executor loop;
  private final Sink sink;
  private final CallEventBus.Subscription subscription;
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private long lastSent;
  private boolean replayed;

  private EventFeed(CallEventBus bus, CallEventLog eventLog, Filter filter, int capacity, Executor loop,
      Sink sink) {
    this.eventLog = eventLog;
    this.filter = filter;
    this.loop = loop;
    this.sink = sink;
    this.lastSent = filter.afterId();
    this.subscription = bus.subscribe(filter::accepts, capacity, this::resume);
  }

  /** Subscribes, replays the log on {@code blocking}, then follows the live events. */
  public static EventFeed start(CallEventBus bus, CallEventLog eventLog, Filter filter, int capacity, Executor loop,
      Executor blocking, Sink sink) {
    EventFeed feed = new EventFeed(bus, eventLog, filter, capacity, loop, sink);
    blocking.execute(feed::replay);
    return feed;
  }

  /** Schedules sending what waits (the sink is ready again, or events came). Any thread. */
  public void resume() {
    if (!closed.get() && drainScheduled.compareAndSet(false, true)) {
      loop.execute(() -> {
        drainScheduled.set(false);
        drain();
      });
    }
  }

  /** Stops the feed (the watcher went away). Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      subscription.close();
    }
  }

  private void replay() {
    List<LiveEvent> events = new ArrayList<>();
    try {
      long after = filter.afterId();
      while (after >= 0 && !closed.get()) {
        List<LoggedEvent> page = eventLog.after(after, filter.callId(), filter.orgId(), PAGE);
        for (LoggedEvent row : page) {
          events.add(LiveEvent.of(row));
          after = row.id();
        }
        if (page.size() < PAGE) {
          break;
        }
      }
    } catch (Exception e) {
      log.warn("Reading the call event log failed: {}", e.toString());
      loop.execute(() -> finish(false, "the event log could not be read"));
      return;
    }
    loop.execute(() -> {
      for (LiveEvent event : events) {
        if (!deliver(event)) {
          return;
        }
      }
      replayed = true;
      if (filter.endAfterReplay()) {
        finish(true, null);
        return;
      }
      drain();
    });
  }

  private void drain() {
    if (closed.get() || !replayed) {
      return;
    }
    while (sink.ready()) {
      LiveEvent event = subscription.poll();
      if (event == null) {
        if (subscription.dropped()) {
          finish(false, "the watcher fell too far behind; resume after event " + lastSent);
        }
        return;
      }
      if (!deliver(event)) {
        return;
      }
    }
  }

  /** Sends the event unless already sent; false when the stream is over. */
  private boolean deliver(LiveEvent event) {
    if (closed.get()) {
      return false;
    }
    if (event.id() <= lastSent) {
      return true;
    }
    sink.send(event);
    lastSent = event.id();
    if (filter.endWithCall() && event.endsCall()) {
      finish(true, null);
      return false;
    }
    return true;
  }

  private void finish(boolean complete, String failure) {
    if (closed.compareAndSet(false, true)) {
      subscription.close();
      if (complete) {
        sink.end();
      } else {
        sink.fail(failure);
      }
    }
  }
}
