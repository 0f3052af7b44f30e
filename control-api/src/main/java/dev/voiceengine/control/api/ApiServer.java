package dev.voiceengine.control.api;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.webhooks.DeliveryQueries;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the control plane: one Armeria server with {@code /healthz} and {@code /healthz/live} (open,
 * {@link HealthResources}), the {@code /v1} calls API and {@code /metrics} (Prometheus text format), both behind
 * API keys ({@code Authorization: Bearer} or {@code x-api-key}, rate-limited per key; {@link BearerAuth}). Every
 * error, including unknown paths and wrong methods, is the API's JSON error; every resource is read-only
 * ({@link ReadOnlyResource}); cross-origin use is refused unless origins are configured ({@link CrossOrigin});
 * requests are logged at DEBUG only ({@link AccessLog}).
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);
  /** Threads for JDBC and file reads. */
  private static final int BLOCKING_THREADS = 8;
  /** Downloads of long recordings on slow links may take a while. */
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);

  private final Server server;

  private ApiServer(Server server) {
    this.server = server;
  }

  /** Prometheus text exposition format 0.0.4. */
  private static final MediaType PROMETHEUS_TEXT = MediaType.parse("text/plain; version=0.0.4; charset=utf-8");

  /**
   * Builds and starts the server on the address and port (0 picks a free port); {@code metrics}, when not null,
   * renders the engine's metrics for {@code /metrics}; {@code corsOrigins} may use the API from web pages;
   * {@code readiness} answers {@code /healthz}.
   */
  public static ApiServer start(String bindAddress, int port, CallQueries queries, ApiKeyVerifier keys, Path dataDir,
      Supplier<String> metrics, List<String> corsOrigins, Readiness readiness) throws Exception {
    return start(bindAddress, port, queries, keys, dataDir, metrics, corsOrigins, readiness, null, null, List.of());
  }

  /**
   * Routes a feature adds to the server (e.g. {@link CallEventsService#routes}, the gRPC control service). Bound
   * before the server starts; those under {@code /v1} get the key check like every other.
   */
  @FunctionalInterface
  public interface Routes {
    void bind(ServerBuilder sb, ApiKeyVerifier keys);
  }

  /**
   * As above, and when {@code outbound} is not null the routes that place and steer calls ({@link OutboundRoutes});
   * {@code GET /v1/webhooks/deliveries} from {@code deliveries} (none when null); and {@code more} routes.
   */
  public static ApiServer start(String bindAddress, int port, CallQueries queries, ApiKeyVerifier keys, Path dataDir,
      Supplier<String> metrics, List<String> corsOrigins, Readiness readiness, Outbound outbound,
      DeliveryQueries deliveries, List<Routes> more) throws Exception {
    return start(bindAddress, port, queries, keys, dataDir, metrics, corsOrigins, readiness, outbound, deliveries,
        more, RateLimit.OFF);
  }

  /** As above, with each API key limited to {@code rateLimit} requests (429 beyond it; {@link BearerAuth}). */
  public static ApiServer start(String bindAddress, int port, CallQueries queries, ApiKeyVerifier keys, Path dataDir,
      Supplier<String> metrics, List<String> corsOrigins, Readiness readiness, Outbound outbound,
      DeliveryQueries deliveries, List<Routes> more, RateLimit rateLimit) throws Exception {
    KeyRateLimiter limiter = new KeyRateLimiter(rateLimit);
    CallsService calls = new CallsService(queries);
    RecordingService recordings = new RecordingService(queries, new RecordingFiles(dataDir));
    ServerBuilder sb = Server.builder()
        .http(new InetSocketAddress(bindAddress, port))
        .blockingTaskExecutor(BLOCKING_THREADS)
        .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(2))
        .maxRequestLength(64 * 1024)
        .disableServerHeader()
        .unloggedExceptionsReportInterval(Duration.ZERO)
        .errorHandler(new JsonErrorHandler());
    ReadOnlyResource.bind(sb, "/healthz", HealthResources.readiness(readiness));
    ReadOnlyResource.bind(sb, "/healthz/live", HealthResources.liveness());
    if (outbound == null) {
      ReadOnlyResource.bind(sb, "/v1/calls", calls.list());
    } else {
      OutboundRoutes.bind(sb, calls.list(), outbound);
    }
    ReadOnlyResource.bind(sb, "/v1/calls/{id}", calls.get());
    ReadOnlyResource.bind(sb, "/v1/calls/{id}/transcript", calls.transcript());
    new CallNotesService(queries.notes()).bind(sb, "/v1/calls/{id}/notes");
    ReadOnlyResource.route(sb, "/v1/calls/{id}/recording")
        .requestTimeout(DOWNLOAD_TIMEOUT)
        .build(ReadOnlyResource.answeringOptions(recordings));
    if (deliveries != null) {
      ReadOnlyResource.bind(sb, "/v1/webhooks/deliveries", new WebhookDeliveriesService(deliveries).list());
    }
    ReadOnlyResource.bind(sb, "/v1/usage", new UsageService(queries.usage()).daily());
    more.forEach(routes -> routes.bind(sb, keys));
    sb.decoratorUnder("/v1", new OrgGuard(queries.orgs())); // added first: runs after the key check
    sb.decoratorUnder("/v1", new BearerAuth(keys, limiter));
    if (metrics != null) {
      ReadOnlyResource.route(sb, "/metrics")
          .decorator(new BearerAuth(keys, limiter))
          .build(ReadOnlyResource.answeringOptions((ctx, req) -> Blocking.respond(ctx,
              () -> HttpResponse.of(HttpStatus.OK, PROMETHEUS_TEXT, metrics.get()))));
    }
    // Decorators added later run first: the access log sees everything, the cross-origin policy runs before keys.
    sb.decorator(CrossOrigin.decorator(corsOrigins));
    sb.decorator(new AccessLog());
    Server server = sb.build();
    try {
      server.start().join();
    } catch (CompletionException e) {
      server.close();
      Throwable cause = Exceptions.peel(e);
      throw new java.io.IOException("cannot listen for HTTP on " + bindAddress + ":" + port + ": "
          + cause.getMessage(), cause);
    }
    ApiServer api = new ApiServer(server);
    log.info("Calls API listening on {}:{}", bindAddress, api.port());
    return api;
  }

  /** The path patterns served, e.g. {@code /v1/calls/{id}} (tests sweep them). */
  List<String> routes() {
    return server.serviceConfigs().stream().map(c -> c.route().patternString()).distinct().toList();
  }

  /** The port the server listens on. */
  public int port() {
    return server.activeLocalPort();
  }

  /** Stops accepting requests, lets running ones finish briefly, and releases the port. */
  @Override
  public void close() {
    server.close();
  }
}
