package dev.voiceengine.control.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the engine can take calls: every registered {@link ReadinessCheck} is run, all at once, and the engine is
 * ready when every part is up. A part that does not answer within {@link #CHECK_TIMEOUT} is down, and while its check
 * still runs it is not started again, so a hung part holds at most one thread. A result is reused for
 * {@link #REUSE_FOR}, so frequent probes (or a flood of them: {@code /healthz} needs no key) cost the parts one
 * check a second at most. Changes are logged: a part going down is an operator's problem.
 */
public final class Readiness {
  private static final Logger log = LoggerFactory.getLogger(Readiness.class);
  /** How long one check may take before its part counts as down. */
  public static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);
  /** How long a result answers later probes. */
  public static final Duration REUSE_FOR = Duration.ofSeconds(1);

  /** The outcome of one evaluation: each part in registration order. */
  public record Report(Map<String, PartHealth> parts) {
    public Report {
      parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    public boolean ready() {
      return parts.values().stream().allMatch(PartHealth::up);
    }

    /** The names of the parts that are down. */
    public List<String> down() {
      return parts.entrySet().stream().filter(e -> !e.getValue().up()).map(Map.Entry::getKey).toList();
    }
  }

  private final List<TimedCheck> checks = new CopyOnWriteArrayList<>();
  private final Duration timeout;
  private final long reuseNanos;
  private final LongSupplier nanoTime;
  private CompletableFuture<Report> last;
  private long lastStartedAt;
  private Report lastLogged;

  public Readiness() {
    this(CHECK_TIMEOUT, REUSE_FOR, System::nanoTime);
  }

  Readiness(Duration timeout, Duration reuseFor, LongSupplier nanoTime) {
    this.timeout = timeout;
    this.reuseNanos = reuseFor.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Adds a part; its name must be new. Any thread, any time. */
  public void register(ReadinessCheck check) {
    if (checks.stream().anyMatch(c -> c.name().equals(check.name()))) {
      throw new IllegalArgumentException("a readiness check named " + check.name() + " is already registered");
    }
    checks.add(new TimedCheck(check));
  }

  /** Runs the checks on {@code executor} (blocking threads), or returns the result still in use. Never blocks. */
  public synchronized CompletableFuture<Report> evaluate(Executor executor) {
    long now = nanoTime.getAsLong();
    if (last != null && (!last.isDone() || now - lastStartedAt < reuseNanos)) {
      return last;
    }
    List<TimedCheck> current = List.copyOf(checks);
    List<CompletableFuture<PartHealth>> runs = new ArrayList<>();
    for (TimedCheck check : current) {
      runs.add(check.run(executor, timeout));
    }
    lastStartedAt = now;
    last = CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).thenApply(v -> {
      Map<String, PartHealth> parts = new LinkedHashMap<>();
      for (int i = 0; i < current.size(); i++) {
        parts.put(current.get(i).name(), runs.get(i).join());
      }
      Report report = new Report(parts);
      logChange(report);
      return report;
    });
    return last;
  }

  /** Logs a change: WARN when a ready engine stops being ready, INFO otherwise. */
  private synchronized void logChange(Report report) {
    if (report.equals(lastLogged) || (lastLogged == null && report.ready())) {
      lastLogged = report;
      return;
    }
    if (report.ready()) {
      log.info("ready again: {}", report.parts().keySet());
    } else {
      List<String> down = new ArrayList<>();
      report.parts().forEach((name, health) -> {
        if (!health.up()) {
          down.add(name + " (" + health.detail() + ")");
        }
      });
      if (lastLogged != null && lastLogged.ready()) {
        log.warn("not ready: {} down", String.join(", ", down));
      } else {
        log.info("not ready: {} down", String.join(", ", down));
      }
    }
    lastLogged = report;
  }

  /** A check with its run in progress, if any. */
  private static final class TimedCheck {
    private final ReadinessCheck check;
    private CompletableFuture<PartHealth> running;

    TimedCheck(ReadinessCheck check) {
      this.check = check;
    }

    String name() {
      return check.name();
    }

    synchronized CompletableFuture<PartHealth> run(Executor executor, Duration timeout) {
      if (running == null || running.isDone()) {
        try {
          running = CompletableFuture.supplyAsync(this::checkNow, executor);
        } catch (RejectedExecutionException e) {
          return CompletableFuture.completedFuture(PartHealth.down("stopping"));
        }
      }
      return running.copy().completeOnTimeout(PartHealth.down("timed out"), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private PartHealth checkNow() {
      try {
        PartHealth health = check.check();
        return health != null ? health : PartHealth.down("check failed");
      } catch (Exception | LinkageError e) {
        log.debug("readiness check {} failed", check.name(), e);
        return PartHealth.down("check failed");
      }
    }
  }
}
