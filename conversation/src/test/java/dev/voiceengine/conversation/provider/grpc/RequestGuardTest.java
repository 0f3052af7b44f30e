package dev.voiceengine.conversation.provider.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestGuardTest {
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private final ExecutorService threads = Executors.newFixedThreadPool(3);
  private final List<ProviderException> errors = new CopyOnWriteArrayList<>();
  private final AtomicInteger completions = new AtomicInteger();
  private final AtomicInteger releases = new AtomicInteger();

  RequestGuardTest() {
    scheduler.setRemoveOnCancelPolicy(true);
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
    scheduler.shutdownNow();
  }

  private RequestGuard guard() {
    RequestGuard guard = new RequestGuard(Capability.LLM, scheduler, errors::add);
    guard.onEnd(releases::incrementAndGet);
    return guard;
  }

  private static ProviderException unavailable() {
    return ProviderErrors.of(Capability.LLM, Status.Code.UNAVAILABLE, "down");
  }

  @Test
  void completionErrorAndCancelRacingEndTheRequestOnce() throws Exception {
    int rounds = 500;
    for (int i = 0; i < rounds; i++) {
      RequestGuard guard = guard();
      int reportedBefore = completions.get() + errors.size();
      CyclicBarrier start = new CyclicBarrier(3);
      Future<?> a = threads.submit(() -> await(start, () -> guard.complete(completions::incrementAndGet)));
      Future<?> b = threads.submit(() -> await(start, () -> guard.fail(unavailable())));
      Future<?> c = threads.submit(() -> await(start, guard::cancel));
      a.get(10, TimeUnit.SECONDS);
      b.get(10, TimeUnit.SECONDS);
      c.get(10, TimeUnit.SECONDS);
      assertThat(guard.ended()).isTrue();
      assertThat(completions.get() + errors.size() - reportedBefore)
          .as("ends reported in round " + i + " (none when the cancel won)")
          .isBetween(0, 1);
    }
    assertThat(releases).as("the call released once per request").hasValue(rounds);
  }

  @Test
  void nothingIsDeliveredOnceCancelReturns() throws Exception {
    for (int round = 0; round < 50; round++) {
      RequestGuard guard = guard();
      AtomicInteger delivered = new AtomicInteger();
      CountDownLatch running = new CountDownLatch(100);
      Future<?> provider =
          threads.submit(
              () -> {
                while (!guard.ended()) {
                  guard.deliver(
                      () -> {
                        delivered.incrementAndGet();
                        running.countDown();
                      });
                }
              });
      assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
      guard.cancel();
      int atCancel = delivered.get();
      provider.get(10, TimeUnit.SECONDS);
      assertThat(delivered).hasValue(atCancel);
    }
    assertThat(errors).isEmpty();
    assertThat(completions).hasValue(0);
  }

  @Test
  void deadlineEndsWithDeadlineExceededAndReleasesTheCall() throws Exception {
    RequestGuard guard = guard();
    guard.deadline(Duration.ofMillis(20), "sent no event within 20 ms");
    awaitEnded(guard);
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).code()).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(errors.get(0).getMessage()).isEqualTo("llm provider: sent no event within 20 ms");
    assertThat(releases).hasValue(1);
    guard.complete(completions::incrementAndGet);
    assertThat(completions).hasValue(0);
  }

  @Test
  void disarmedDeadlineDoesNothingEvenWhenItsTaskAlreadyRuns() throws Exception {
    CountDownLatch schedulerBusy = new CountDownLatch(1);
    scheduler.execute(() -> await(schedulerBusy));
    RequestGuard guard = guard();
    RequestGuard.Deadline deadline = guard.deadline(Duration.ofNanos(1), "too slow");
    Thread.sleep(5); // due, but the scheduler is busy
    deadline.disarm();
    schedulerBusy.countDown();
    scheduler.submit(() -> {}).get(10, TimeUnit.SECONDS);
    assertThat(guard.ended()).isFalse();
    assertThat(scheduler.getQueue()).isEmpty();
    guard.complete(completions::incrementAndGet);
    assertThat(completions).hasValue(1);
  }

  @Test
  void failingListenerEndsTheRequestWithInternal() {
    RequestGuard guard = guard();
    guard.deadline(Duration.ofSeconds(30), "never");
    guard.deliver(
        () -> {
          throw new IllegalStateException("listener bug");
        });
    assertThat(guard.ended()).isTrue();
    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.code()).isEqualTo("INTERNAL");
      assertThat(e.getMessage()).contains("listener bug");
    });
    assertThat(releases).hasValue(1);
    assertThat(scheduler.getQueue()).as("the deadline was withdrawn").isEmpty();
  }

  @Test
  void badResponseEndsTheRequestWithItsError() {
    RequestGuard guard = guard();
    guard.deliver(
        () -> {
          throw unavailable();
        });
    assertThat(errors).singleElement().extracting(ProviderException::code).isEqualTo("UNAVAILABLE");
  }

  @Test
  void releaseRegisteredAfterTheEndRunsAtOnce() {
    RequestGuard guard = new RequestGuard(Capability.STT, scheduler, errors::add);
    guard.cancel();
    guard.onEnd(releases::incrementAndGet);
    assertThat(releases).hasValue(1);
    assertThat(guard.deadline(Duration.ofSeconds(1), "late")).isNotNull();
    assertThat(scheduler.getQueue()).as("no deadline for an ended request").isEmpty();
  }

  private static void awaitEnded(RequestGuard guard) throws InterruptedException {
    for (int i = 0; i < 1000 && !guard.ended(); i++) {
      Thread.sleep(10);
    }
    assertThat(guard.ended()).isTrue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CyclicBarrier barrier, Runnable then) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    then.run();
  }
}
