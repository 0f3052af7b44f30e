package dev.voiceengine.sip.outbound;

import dev.voiceengine.sip.MediaDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records every outbound and transfer callback, with bounded waits for one of a kind. */
final class OutboundEvents implements OutboundCallListener, TransferListener {
  static final Duration WAIT = Duration.ofSeconds(40);

  record Event(String kind, String ref, Object detail) {}

  record Progress(TransferState state, int status, String reason) {}

  private final List<Event> events = new ArrayList<>();

  @Override
  public void onRinging(String ref, int sipStatus) {
    add(new Event("ringing", ref, sipStatus));
  }

  @Override
  public void onAnswered(String ref, MediaDescription media) {
    add(new Event("answered", ref, media));
  }

  @Override
  public void onEnded(String ref, OutboundEnd end) {
    add(new Event("ended", ref, end));
  }

  @Override
  public void onProgress(String ref, String target, TransferState state, int sipStatus, String reason) {
    add(new Event("transfer", ref, new Progress(state, sipStatus, reason)));
  }

  private synchronized void add(Event e) {
    events.add(e);
    notifyAll();
  }

  /** The first event of {@code kind}, waiting up to {@link #WAIT}. */
  synchronized Event await(String kind) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      for (Event e : events) {
        if (e.kind().equals(kind)) {
          return e;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + kind + " within " + WAIT + "; got " + events);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Waits for a transfer progress of {@code state}. */
  synchronized Progress awaitTransfer(TransferState state) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      for (Event e : events) {
        if (e.detail() instanceof Progress p && p.state() == state) {
          return p;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no transfer " + state + " within " + WAIT + "; got " + events);
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }

  synchronized List<Event> all() {
    return List.copyOf(events);
  }
}
