package dev.voiceengine.conversation.provider.grpc;

import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listener's side of one provider request: callbacks run one at a time, exactly one end (completion, error or
 * cancel) happens however completion, deadlines and cancel race, and nothing reaches the listener after it.
 *
 * <p>Callbacks run under this guard's lock, so {@link #cancel()} waits for a callback already running on a provider
 * thread to return; once it returns, no callback starts. Listeners only hand events to their own loop, so the wait
 * is short. Deadlines are tasks on the shared scheduler, all cancelled at the end.
 */
final class RequestGuard {
  private static final Logger log = LoggerFactory.getLogger(RequestGuard.class);

  /** A step that hands something to the listener, or finds the provider's response unusable. */
  @FunctionalInterface
  interface Delivery {
    void run() throws ProviderException;
  }

  /** A deadline that can be withdrawn once what it waits for has arrived. */
  final class Deadline {
    private ScheduledFuture<?> task;
    private boolean disarmed;

    /** Withdraws the deadline; it can no longer end the request. */
    void disarm() {
      synchronized (RequestGuard.this) {
        disarmed = true;
        if (task != null) {
          task.cancel(false);
        }
      }
    }
  }

  private final Capability capability;
  private final ScheduledExecutorService scheduler;
  private final Consumer<ProviderException> onError;
  private final List<Deadline> deadlines = new ArrayList<>(3);
  private Runnable onEnd = () -> {};
  private boolean ended;

  RequestGuard(Capability capability, ScheduledExecutorService scheduler, Consumer<ProviderException> onError) {
    this.capability = capability;
    this.scheduler = scheduler;
    this.onError = onError;
  }

  /** What releases the call once the request ended (cancels the RPC if it still runs); runs at once if it has. */
  void onEnd(Runnable release) {
    boolean already;
    synchronized (this) {
      already = ended;
      onEnd = release;
    }
    if (already) {
      release.run();
    }
  }

  /** After {@code after}, ends the request with {@code DEADLINE_EXCEEDED}: "{@code <capability>} provider: what". */
  Deadline deadline(Duration after, String what) {
    Deadline deadline = new Deadline();
    synchronized (this) {
      if (ended) {
        deadline.disarmed = true;
        return deadline;
      }
      deadlines.add(deadline);
      deadline.task =
          scheduler.schedule(() -> expire(deadline, what), after.toNanos(), TimeUnit.NANOSECONDS);
    }
    return deadline;
  }

  /** Runs {@code delivery} unless the request ended; a bad response or a failing listener ends it with an error. */
  synchronized void deliver(Delivery delivery) {
    if (ended) {
      return;
    }
    try {
      delivery.run();
    } catch (ProviderException e) {
      fail(e);
    } catch (RuntimeException e) {
      log.warn("{} listener failed; ending the request", capability.key(), e);
      fail(ProviderErrors.of(capability, Status.Code.INTERNAL, "the engine's listener failed: " + e));
    }
  }

  /** The provider finished: {@code onCompleted} runs unless the request already ended. */
  void complete(Runnable onCompleted) {
    end(onCompleted);
  }

  /** Ends the request with {@code error} unless it already ended. */
  void fail(ProviderException error) {
    end(() -> onError.accept(error));
  }

  /** Ends the request without telling the listener. */
  void cancel() {
    end(() -> {});
  }

  synchronized boolean ended() {
    return ended;
  }

  private void expire(Deadline deadline, String what) {
    ProviderException error = ProviderErrors.of(capability, Status.Code.DEADLINE_EXCEEDED, what);
    end(() -> onError.accept(error), deadline);
  }

  private void end(Runnable terminal) {
    end(terminal, null);
  }

  /** Ends the request unless it has ended or {@code cause}, a deadline, was withdrawn meanwhile. */
  private void end(Runnable terminal, Deadline cause) {
    Runnable release;
    synchronized (this) {
      if (ended || (cause != null && cause.disarmed)) {
        return;
      }
      ended = true;
      for (Deadline d : deadlines) {
        d.disarmed = true;
        d.task.cancel(false);
      }
      deadlines.clear();
      release = onEnd;
      try {
        terminal.run();
      } catch (RuntimeException e) {
        log.warn("{} listener failed at the end of a request", capability.key(), e);
      }
    }
    release.run();
  }
}
