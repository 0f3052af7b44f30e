package dev.voiceengine.sip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** A fake engine: hands out 127.0.0.1 media and records every callback, with bounded waits. */
final class RecordingListener implements SipCallListener {
  static final Duration WAIT = Duration.ofSeconds(40);

  /** One callback. */
  record Event(String kind, String ref, Object detail) {}

  /** What onInvite does; returns media or throws. */
  interface InviteHandler {
    LocalMedia handle(InboundCall call) throws CallRejectedException;
  }

  private final List<Event> events = new ArrayList<>();
  private final List<InboundCall> invites = new ArrayList<>();
  volatile InviteHandler inviteHandler = call -> new LocalMedia("127.0.0.1", 40000);

  @Override
  public LocalMedia onInvite(InboundCall call) throws CallRejectedException {
    synchronized (this) {
      invites.add(call);
    }
    add(new Event("invite", call.ref(), call));
    return inviteHandler.handle(call);
  }

  @Override
  public void onRejected(InboundCall call, int status, String reason) {
    add(new Event("rejected", call.ref(), new Rejection(call, status, reason)));
  }

  /** The detail of a "rejected" event. */
  record Rejection(InboundCall call, int status, String reason) {}

  @Override
  public void onMedia(String ref, MediaDescription media) {
    add(new Event("media", ref, media));
  }

  @Override
  public void onConfirmed(String ref) {
    add(new Event("confirmed", ref, null));
  }

  @Override
  public void onEnded(String ref, CallEnd end) {
    add(new Event("ended", ref, end));
  }

  private synchronized void add(Event e) {
    events.add(e);
    notifyAll();
  }

  synchronized List<Event> events() {
    return List.copyOf(events);
  }

  synchronized List<Event> events(String ref) {
    return events.stream().filter(e -> ref.equals(e.ref())).toList();
  }

  synchronized List<String> kinds(String ref) {
    return events.stream().filter(e -> ref.equals(e.ref())).map(Event::kind).toList();
  }

  /** Waits (bounded) for the first event matching, counting from the start. */
  Event await(Predicate<Event> match) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (this) {
      while (true) {
        for (Event e : events) {
          if (match.test(e)) {
            return e;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out waiting for an event; got " + events);
        }
        wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  Event await(String kind) throws InterruptedException {
    return await(e -> e.kind().equals(kind));
  }

  Event await(String kind, String ref) throws InterruptedException {
    return await(e -> e.kind().equals(kind) && ref.equals(e.ref()));
  }
}
