package dev.voiceengine.control.outbound;

import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallRequest;
import dev.voiceengine.control.store.OutboundStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that places queued calls: claims due queue rows (each claim takes the row and marks the call
 * dialing in one transaction, so no call is dialled twice) and hands them to the engine. A deferred call goes back
 * in the queue for later; a refused one fails with the reason. Batches are paced at their calls per second; trunk
 * limits are the engine's (it defers). Runs off the event loops: it blocks on the store.
 */
public final class Dialer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Dialer.class);
  /** Rows looked at per pass. */
  static final int PASS = 100;
  /** Longest sleep between passes when nothing wakes the dialer (paused batches, rows deferred elsewhere). */
  static final Duration IDLE = Duration.ofMillis(500);

  private final OutboundStore store;
  private final CallCommands commands;
  private final Clock clock;
  private final Map<String, Instant> nextBatchDial = new HashMap<>();
  private final Object signal = new Object();
  private final Thread thread;
  private boolean woken;
  private volatile boolean running = true;

  public Dialer(OutboundStore store, CallCommands commands, Clock clock) {
    this.store = store;
    this.commands = commands;
    this.clock = clock;
    this.thread = new Thread(this::run, "outbound-dialer");
    thread.setDaemon(true);
  }

  /** Starts the thread; queued calls left by a previous run are dialled. */
  public Dialer start() {
    thread.start();
    return this;
  }

  /** Something was queued or a batch resumed: look at the queue now. */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  /** Stops the thread after the dial in hand (waits at most 5 s). Queued calls stay queued for the next start. */
  @Override
  public void close() {
    running = false;
    wake();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    while (running) {
      Instant wakeAt;
      try {
        wakeAt = pass();
      } catch (Exception e) {
        log.warn("Dial queue: {}; trying again shortly", e.toString());
        wakeAt = clock.instant().plus(IDLE);
      }
      await(wakeAt);
    }
  }

  /** Dials what is due and allowed now; returns when to look again. */
  private Instant pass() throws Exception {
    Instant now = clock.instant();
    Instant wakeAt = now.plus(IDLE);
    List<OutboundStore.Due> due = store.due(PASS);
    for (OutboundStore.Due d : due) {
      if (!running) {
        return now;
      }
      now = clock.instant();
      if (d.batchId() != null && d.callsPerSecond() != null) {
        Instant next = nextBatchDial.get(d.batchId());
        if (next != null && next.isAfter(now)) {
          wakeAt = next.isBefore(wakeAt) ? next : wakeAt;
          continue;
        }
      }
      Optional<CallRecord> claimed = store.claim(d.callId());
      if (claimed.isEmpty()) {
        continue;
      }
      if (d.batchId() != null && d.callsPerSecond() != null) {
        nextBatchDial.put(d.batchId(), BatchPace.next(nextBatchDial.get(d.batchId()), now, d.callsPerSecond()));
      }
      dial(claimed.get(), d.batchId());
    }
    Optional<Instant> nextDue = store.nextDue();
    if (nextDue.isPresent() && nextDue.get().isAfter(now) && nextDue.get().isBefore(wakeAt)) {
      wakeAt = nextDue.get();
    }
    return due.size() == PASS ? now : wakeAt;
  }

  private void dial(CallRecord call, String batchId) throws Exception {
    CallRequest request = call.request();
    OutboundDial dial = new OutboundDial(call.id(), call.agentId(), call.toNumber(), call.fromNumber(),
        call.trunkId(), request == null ? Map.of() : request.context(),
        request == null ? null : request.firstMessage(), request == null ? Map.of() : request.metadata());
    DialAdmission admission;
    try {
      admission = commands.dial(dial);
    } catch (RuntimeException e) {
      log.error("Call {}: the engine failed to dial it", call.id(), e);
      admission = new DialAdmission.Refused("dial failed: " + e);
    }
    if (admission instanceof DialAdmission.Deferred d) {
      Duration wait = d.retryAfter() == null || d.retryAfter().isNegative() ? IDLE : d.retryAfter();
      log.debug("Call {}: deferred for {} ({})", call.id(), wait, d.reason());
      store.requeue(call.id(), batchId, clock.instant().plus(wait), d.reason());
    } else if (admission instanceof DialAdmission.Refused r) {
      log.info("Call {}: not placed: {}", call.id(), r.reason());
      store.failDial(call.id(), r.reason());
    } else {
      log.debug("Call {}: dialling {}", call.id(), call.toNumber());
    }
  }

  private void await(Instant wakeAt) {
    synchronized (signal) {
      long millis = Duration.between(clock.instant(), wakeAt).toMillis();
      while (running && !woken && millis > 0) {
        try {
          signal.wait(millis);
        } catch (InterruptedException e) {
          running = false;
          Thread.currentThread().interrupt();
          return;
        }
        millis = Duration.between(clock.instant(), wakeAt).toMillis();
      }
      woken = false;
    }
  }
}
