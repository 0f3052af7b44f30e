package dev.voiceengine.control.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessTest {
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final AtomicLong now = new AtomicLong();

  @AfterEach
  void stop() {
    blocking.shutdownNow();
  }

  private Readiness readiness(Duration timeout) {
    return new Readiness(timeout, Duration.ofSeconds(1), now::get);
  }

  private static ReadinessCheck check(String name, ThrowingHealth health) {
    return new ReadinessCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public PartHealth check() throws Exception {
        return health.get();
      }
    };
  }

  interface ThrowingHealth {
    PartHealth get() throws Exception;
  }

  @Test
  void readyWhenEveryPartIsUpAndPartsKeepTheirOrder() {
    Readiness r = readiness(Duration.ofSeconds(10));
    r.register(check("store", PartHealth::ok));
    r.register(check("sip", () -> PartHealth.ok("listening")));
    Readiness.Report report = r.evaluate(blocking).join();
    assertThat(report.ready()).isTrue();
    assertThat(report.parts().keySet()).containsExactly("store", "sip");
    assertThat(report.parts().get("sip").detail()).isEqualTo("listening");
    assertThat(report.down()).isEmpty();
  }

  @Test
  void aPartThatIsDownOrThrowsIsNamedWithoutTheExceptionsText() {
    Readiness r = readiness(Duration.ofSeconds(10));
    r.register(check("store", PartHealth::ok));
    r.register(check("sip", () -> PartHealth.down("not listening")));
    r.register(check("media", () -> {
      throw new IllegalStateException("secret /var/lib/path");
    }));
    Readiness.Report report = r.evaluate(blocking).join();
    assertThat(report.ready()).isFalse();
    assertThat(report.down()).containsExactly("sip", "media");
    assertThat(report.parts().get("media")).isEqualTo(PartHealth.down("check failed"));
  }

  @Test
  void aHungCheckIsDownAfterTheTimeoutAndIsNotStartedAgainWhileItHangs() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    Readiness r = readiness(Duration.ofMillis(50));
    r.register(check("providers.stt", () -> {
      runs.incrementAndGet();
      release.await();
      return PartHealth.ok();
    }));
    assertThat(r.evaluate(blocking).join().parts().get("providers.stt")).isEqualTo(PartHealth.down("timed out"));
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(r.evaluate(blocking).join().ready()).isFalse();
    assertThat(runs).hasValue(1);

    release.countDown();
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    Readiness.Report after = r.evaluate(blocking).join();
    for (int i = 0; i < 100 && !after.ready(); i++) { // the hung run may still be finishing: then it is reused once
      now.addAndGet(Duration.ofSeconds(2).toNanos());
      after = r.evaluate(blocking).join();
    }
    assertThat(after.ready()).isTrue();
  }

  @Test
  void aResultAnswersProbesForASecond() {
    AtomicInteger runs = new AtomicInteger();
    Readiness r = readiness(Duration.ofSeconds(10));
    r.register(check("store", () -> {
      runs.incrementAndGet();
      return PartHealth.ok();
    }));
    r.evaluate(blocking).join();
    now.addAndGet(Duration.ofMillis(999).toNanos());
    r.evaluate(blocking).join();
    assertThat(runs).hasValue(1);
    now.addAndGet(Duration.ofMillis(1).toNanos());
    r.evaluate(blocking).join();
    assertThat(runs).hasValue(2);
  }

  @Test
  void namesAreUniqueAndAnEmptyEngineIsReady() {
    Readiness r = readiness(Duration.ofSeconds(10));
    assertThat(r.evaluate(blocking).join().ready()).isTrue();
    r.register(check("sip", PartHealth::ok));
    assertThatThrownBy(() -> r.register(check("sip", PartHealth::ok))).isInstanceOf(IllegalArgumentException.class);
    assertThat(List.of(PartHealth.ok(), PartHealth.ok("x"))).allMatch(PartHealth::up);
  }
}
