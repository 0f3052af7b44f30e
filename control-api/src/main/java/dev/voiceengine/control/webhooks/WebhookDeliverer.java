package dev.voiceengine.control.webhooks;

import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox on one background thread (blocking HTTP, never on an event loop): the due deliveries that have no
 * earlier pending one for the same call and endpoint, one at a time, signed with the endpoint's secret at the moment
 * of sending. A 2xx response is delivered; anything else (another status, a refused connection, a timeout) is
 * recorded as an attempt and retried per {@link Backoff}. Pending rows survive restarts: the next start resumes them.
 * Delivery is at least once (a crash between the response and its record sends again); receivers dedupe by event id.
 */
final class WebhookDeliverer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebhookDeliverer.class);
  /** Longest idle wait: rows committed without a {@link #wake} are found within this. */
  private static final long IDLE_MILLIS = 30_000;
  /** Pause after the store itself failed. */
  private static final long STORE_FAILURE_MILLIS = 1_000;
  private static final int BATCH = 50;
  /** How much of a response body is kept with the attempt. */
  static final int EXCERPT_BYTES = 512;

  private final OutboxRows rows;
  private final Map<String, WebhookEndpoint> endpoints;
  private final Backoff backoff;
  private final Clock clock;
  private final Duration requestTimeout;
  private final ExecutorService httpThreads;
  private final HttpClient http;
  private final Object signal = new Object();
  private final Thread thread;
  private boolean woken;
  private volatile boolean stopping;

  WebhookDeliverer(Database database, WebhookSettings settings, Backoff backoff, Clock clock) {
    this.endpoints = settings.endpoints().stream().filter(WebhookEndpoint::enabled)
        .collect(Collectors.toMap(WebhookEndpoint::id, Function.identity(), (a, b) -> a));
    this.rows = new OutboxRows(database, List.copyOf(endpoints.keySet()));
    this.backoff = backoff;
    this.clock = clock;
    this.requestTimeout = settings.requestTimeout();
    this.httpThreads = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "webhook-http");
      t.setDaemon(true);
      return t;
    });
    this.http = HttpClient.newBuilder()
        .connectTimeout(settings.requestTimeout())
        .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade headers: plain POSTs any receiver takes
        .followRedirects(HttpClient.Redirect.NEVER)
        .executor(httpThreads)
        .build();
    this.thread = new Thread(this::run, "webhook-deliverer");
    this.thread.setDaemon(true);
  }

  /** Gives up what waits for endpoints no longer configured, then starts sending (when any endpoint is enabled). */
  void start() throws SQLException {
    int orphaned = rows.failOrphans(now());
    if (orphaned > 0) {
      log.warn("{} webhook deliveries were for endpoints no longer configured (or disabled); marked failed",
          orphaned);
    }
    if (!endpoints.isEmpty()) {
      thread.start();
    }
  }

  void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    while (!stopping) {
      try {
        List<OutboxRows.Due> due = rows.due(now(), BATCH);
        for (OutboxRows.Due d : due) {
          if (stopping) {
            return;
          }
          send(d);
        }
        if (due.isEmpty()) {
          Instant next = rows.nextAttempt();
          long millis = next == null ? IDLE_MILLIS
              : Math.min(IDLE_MILLIS, Duration.between(clock.instant(), next).toMillis() + 1);
          pause(millis);
        }
      } catch (SQLException | RuntimeException e) {
        log.warn("Webhook outbox: {}; trying again in {} ms", e.toString(), STORE_FAILURE_MILLIS);
        pause(STORE_FAILURE_MILLIS);
      }
    }
  }

  private void pause(long millis) {
    synchronized (signal) {
      long deadline = System.nanoTime() + millis * 1_000_000;
      while (!woken && !stopping && millis > 0) {
        try {
          signal.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        millis = (deadline - System.nanoTime()) / 1_000_000;
      }
      woken = false;
    }
  }

  private void send(OutboxRows.Due d) throws SQLException {
    WebhookEndpoint endpoint = endpoints.get(d.endpointId());
    long started = System.nanoTime();
    Instant attemptedAt = clock.instant();
    Integer status = null;
    String excerpt = null;
    String error = null;
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint.url()))
          .timeout(requestTimeout)
          .header("Content-Type", "application/json")
          .header("User-Agent", "voice-engine-webhooks")
          .header(WebhookSignature.EVENT_ID_HEADER, d.id())
          .header(WebhookSignature.HEADER,
              WebhookSignature.header(endpoint.secret(), attemptedAt.getEpochSecond(), d.body()))
          .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8))
          .build();
      HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      try (InputStream in = response.body()) {
        excerpt = new String(in.readNBytes(EXCERPT_BYTES), StandardCharsets.UTF_8);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping = true;
      return; // closing: the row stays pending and is sent again at the next start
    } catch (IOException | RuntimeException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    long durationMs = (System.nanoTime() - started) / 1_000_000;
    boolean delivered = status != null && status >= 200 && status < 300;
    int attempts = d.attempts() + 1;
    Instant next = delivered ? null : backoff.next(d.createdAt(), clock.instant(), attempts);
    String state = delivered ? WebhookOutbox.DELIVERED : next == null ? WebhookOutbox.FAILED : WebhookOutbox.PENDING;
    rows.recordAttempt(d.id(), new DeliveryAttempt(attemptedAt, status, excerpt, error, durationMs), attempts,
        state, next == null ? clock.instant() : next);
    if (state.equals(WebhookOutbox.FAILED)) {
      log.warn("Webhook {} {} to {} failed after {} attempts; giving up", d.event(), d.id(), endpoint.id(),
          attempts);
    } else if (!delivered) {
      log.debug("Webhook {} {} attempt {} failed ({}); next at {}", d.event(), d.id(), attempts,
          status != null ? "HTTP " + status : error, next);
    }
  }

  private String now() {
    return Timestamps.format(Timestamps.clamp(clock.instant()));
  }

  /** Stops after the attempt in flight (at most the request timeout); pending rows stay for the next start. */
  @Override
  public void close() {
    stopping = true;
    wake();
    if (thread.isAlive()) {
      try {
        thread.join(requestTimeout.toMillis() + 1_000);
        if (thread.isAlive()) {
          thread.interrupt();
          thread.join(1_000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    httpThreads.shutdownNow();
  }
}
