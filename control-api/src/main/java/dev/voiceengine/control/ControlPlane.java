package dev.voiceengine.control;

import dev.voiceengine.control.analysis.AnalysisListener;
import dev.voiceengine.control.analysis.AnalysisSettings;
import dev.voiceengine.control.analysis.AnalysisTrigger;
import dev.voiceengine.control.api.ApiServer;
import dev.voiceengine.control.api.CallEventsService;
import dev.voiceengine.control.api.OpenApiResources;
import dev.voiceengine.control.api.Outbound;
import dev.voiceengine.control.api.OutboundPlacer;
import dev.voiceengine.control.api.WebhookJson;
import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.commands.AttachedCommands;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.NoCommands;
import dev.voiceengine.control.commands.OutboundCalls;
import dev.voiceengine.control.events.CallEventBus;
import dev.voiceengine.control.auth.ApiKeyBootstrap;
import dev.voiceengine.control.events.CallEventWriter;
import dev.voiceengine.control.events.EventApplier;
import dev.voiceengine.control.events.PendingEvents;
import dev.voiceengine.control.events.StoreEventApplier;
import dev.voiceengine.control.files.OwnerOnlyFiles;
import dev.voiceengine.control.grpc.GrpcRoutes;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.control.outbound.Dialer;
import dev.voiceengine.control.store.ApiKeyStore;
import dev.voiceengine.control.store.BatchListener;
import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.OutboundStore;
import dev.voiceengine.control.store.SqliteFiles;
import dev.voiceengine.control.store.StoreProbe;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.control.webhooks.DeliveryQueries;
import dev.voiceengine.control.webhooks.WebhookSettings;
import dev.voiceengine.control.webhooks.Webhooks;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane as the server sees it: consumes call events into the call store and serves the calls API.
 *
 * <p>{@link #start} migrates the store, closes calls a crashed predecessor left open, makes sure an API key exists,
 * starts the event writer thread and the HTTP server. {@link #accept} never blocks, so the media engine can call it
 * from Netty event loops and SIP threads; events are written in order by a single writer thread.
 *
 * <p>Each stored event is also numbered in the event log and, once committed, published on the {@link CallEventBus}
 * for live watchers: {@code GET /v1/calls/{id}/events} (SSE) and gRPC {@code voice.control.v1.CallControl}
 * (served on the same port). gRPC commands reach the engine once it {@link #attachCommands attaches} its port.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);
  /** Events that may wait for the writer before new ones are refused (and logged). */
  static final int QUEUE_CAPACITY = 100_000;
  static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);

  /** Call events the store could not take yet, replayed after the next successful write and at start. */
  static final String PENDING_EVENTS_FILE = "pending-events.pb";
  /** The organization of every call until organizations are configurable. */
  static final String DEFAULT_ORG = "default";

  private final DataDirLock lock;
  private final CallStore store;
  private final CallEventWriter writer;
  private final ApiServer http;
  private final Path generatedKeyFile;
  private final Readiness readiness;
  private final Dialer dialer;
  private final Webhooks webhooks;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Post-call analysis; null when disabled. */
  private volatile AnalysisTrigger analysis;
  private final LiveLinks live;
  /** Re-reads the API keys every {@link #KEY_RELOAD} so keys created or revoked by the CLI take effect. */
  private volatile java.util.concurrent.ScheduledExecutorService keyReload;
  static final Duration KEY_RELOAD = Duration.ofSeconds(2);

  /** What the live APIs (event stream, gRPC) use: the bus, and the engine's ports once attached. */
  private record LiveLinks(CallEventBus bus, AttachedCommands commands, AtomicReference<OutboundCalls> outbound) {
    LiveLinks() {
      this(new CallEventBus(), new AttachedCommands(), new AtomicReference<>());
    }
  }

  private ControlPlane(DataDirLock lock, CallStore store, CallEventWriter writer, ApiServer http,
      Path generatedKeyFile, Readiness readiness, Dialer dialer, Webhooks webhooks, LiveLinks live) {
    this.dialer = dialer;
    this.webhooks = webhooks;
    this.live = live;
    this.lock = lock;
    this.store = store;
    this.writer = writer;
    this.http = http;
    this.generatedKeyFile = generatedKeyFile;
    this.readiness = readiness;
  }

  /**
   * Takes the data folder (one engine per folder), opens (and migrates) the store, stores events a previous run
   * kept on disk, marks calls still left ringing or in-progress by a previous process as failed
   * ({@code engine_restart}), ensures API keys, and starts the writer and the HTTP server. A null bind address
   * means loopback only.
   *
   * @throws java.io.IOException when another engine uses the data folder, or the HTTP port cannot be bound
   */
  public static ControlPlane start(ControlSettings settings) throws Exception {
    return start(settings, WebhookSettings.NONE, AnalysisSettings.DEFAULTS);
  }

  /** As {@link #start(ControlSettings)}, with these webhooks and the default analysis. */
  public static ControlPlane start(ControlSettings settings, WebhookSettings webhooks) throws Exception {
    return start(settings, webhooks, AnalysisSettings.DEFAULTS);
  }

  /** As {@link #start(ControlSettings)}, with post-call analysis as configured (off when disabled). */
  public static ControlPlane start(ControlSettings settings, AnalysisSettings analysis) throws Exception {
    return start(settings, WebhookSettings.NONE, analysis);
  }

  /**
   * As {@link #start(ControlSettings)}, and sends signed webhooks to the endpoints in {@code webhooks}: deliveries
   * are queued in the transaction that stores their event, and those a previous run left pending are resumed;
   * post-call analysis as configured (off when disabled), each stored analysis queued as {@code call.analyzed}.
   */
  public static ControlPlane start(ControlSettings settings, WebhookSettings webhooks,
      AnalysisSettings analysisSettings) throws Exception {
    Objects.requireNonNull(settings.dataDir(), "dataDir");
    Path dataDir = settings.dataDir().toAbsolutePath();
    OwnerOnlyFiles.folder(dataDir);
    DataDirLock lock = DataDirLock.acquire(dataDir);
    try {
      return start(settings, webhooks, analysisSettings, dataDir, lock);
    } catch (Exception | Error e) {
      lock.close();
      throw e;
    }
  }

  private static ControlPlane start(ControlSettings settings, WebhookSettings webhookSettings,
      AnalysisSettings analysisSettings, Path dataDir,
      DataDirLock lock) throws Exception {
    String url = settings.jdbcUrl() == null || settings.jdbcUrl().isBlank()
        ? "jdbc:sqlite:" + dataDir.resolve("calls.db")
        : settings.jdbcUrl();
    SqliteFiles.ownerOnly(url);
    Database database = Database.of(url);
    database.migrate();
    Clock clock = Clock.systemUTC();
    Webhooks webhooks = Webhooks.open(database, webhookSettings, new WebhookJson(), clock,
        new SecureRandom()::nextDouble);
    BatchListener batches = both(settings.batchListener(),
        (connection, batchId, json) -> webhooks.batchCompleted(connection, batchOrg(connection, batchId), batchId,
            json));
    CallStore store = new CallStore(database, clock, batches);
    CallEventWriter writer = null;
    Dialer dialer = null;
    AnalysisTrigger analysis = analysisSettings.enabled()
        ? new AnalysisTrigger(database, analysisSettings, analyzedHook(webhooks), clock) : null;
    try {
      LiveLinks live = new LiveLinks();
      if (!(settings.commands() instanceof NoCommands)) {
        live.commands().attach(settings.commands());
      }
      StoreEventApplier stored = new StoreEventApplier(store, clock, webhooks, live.bus())
          .withAgentOrgs(agentId -> agentId == null ? null
              : live.commands().agent(agentId).map(AgentSummary::orgId).orElse(null));
      EventApplier applier = analysis != null ? analysis.watch(stored) : stored;
      OwnerOnlyFiles.tighten(dataDir.resolve(PENDING_EVENTS_FILE)); // an earlier version's
      PendingEvents pending = new PendingEvents(dataDir.resolve(PENDING_EVENTS_FILE));
      pending.replay(applier);
      int unfinished = store.failUnfinished(webhooks::endedByRestart);
      if (unfinished > 0) {
        log.warn("{} call(s) were still live when the previous run stopped; marked failed ({})", unfinished,
            CallStore.ENGINE_RESTART);
      }
      ApiKeyBootstrap.Result keys = ApiKeyBootstrap.run(new ApiKeyStore(database, clock), settings.apiKeys(),
          dataDir);
      writer = new CallEventWriter(webhooks.waking(applier), pending, QUEUE_CAPACITY,
          CallEventWriter.RetryPolicy.DEFAULT);
      writer.start();
      webhooks.start();
      Readiness readiness = new Readiness();
      readiness.register(new StoreProbe(database, clock));
      String bind = settings.bindAddress() == null || settings.bindAddress().isBlank()
          ? "127.0.0.1" : settings.bindAddress();
      OutboundStore outbound = new OutboundStore(database, clock, batches);
      dialer = new Dialer(outbound, live.commands(), clock).start();
      Outbound placing = new Outbound(outbound, live.commands(), dialer::wake, Outbound.DEFAULT_MAX_QUEUED, clock);
      live.outbound().set(new OutboundPlacer(placing));
      CallQueries queries = new CallQueries(database);
      CallEventLog eventLog = new CallEventLog(database);
      ApiServer http = ApiServer.start(bind, settings.httpPort(), queries, keys.verifier(),
          dataDir, settings.metrics(), settings.corsOrigins(), readiness, placing, new DeliveryQueries(database),
          List.of(CallEventsService.routes(queries, live.bus(), eventLog),
              OpenApiResources.routes(),
              GrpcRoutes.of(queries, live.bus(), eventLog, live.commands()::attached, live.outbound()::get)),
          settings.rateLimit());
      ControlPlane plane = new ControlPlane(lock, store, writer, http, keys.generatedKeyFile(), readiness, dialer,
          webhooks, live);
      if (analysis != null) {
        analysis.start();
        plane.analysis = analysis;
      }
      plane.keyReload = keyReloader(keys.verifier());
      return plane;
    } catch (Exception | Error e) {
      if (dialer != null) {
        dialer.close();
      }
      if (writer != null) {
        writer.close(DRAIN_TIMEOUT);
      }
      webhooks.close();
      if (analysis != null) {
        analysis.close(DRAIN_TIMEOUT);
      }
      closeStore(store, writer);
      throw e;
    }
  }

  private static java.util.concurrent.ScheduledExecutorService keyReloader(
      dev.voiceengine.control.auth.ApiKeyVerifier verifier) {
    var executor = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "api-key-reload");
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(verifier::reload, KEY_RELOAD.toMillis(), KEY_RELOAD.toMillis(),
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return executor;
  }

  /** Each stored analysis queues {@code call.analyzed} in its transaction; the deliverer wakes after the commit. */
  private static AnalysisListener analyzedHook(Webhooks webhooks) {
    return new AnalysisListener() {
      @Override
      public void analyzed(Connection connection, String callId) throws SQLException {
        webhooks.callAnalyzed(connection, callId);
      }

      @Override
      public void afterCommit(CallEvent analyzed) {
        webhooks.wake();
      }
    };
  }

  private static String batchOrg(Connection connection, String batchId) throws SQLException {
    String org = dev.voiceengine.control.store.CallOrgs.ofBatch(connection, batchId);
    return org == null ? DEFAULT_ORG : org;
  }

  private static BatchListener both(BatchListener first, BatchListener second) {
    return (connection, batchId, json) -> {
      first.batchCompleted(connection, batchId, json);
      second.batchCompleted(connection, batchId, json);
    };
  }

  /** Queues a call event for the store. Never blocks; an event that cannot be queued is logged as an error. */
  public void accept(CallEvent event) {
    writer.accept(event);
  }

  /** Waits (at most 10 s) until every event accepted so far has been written; logs a warning if it was not. */
  public void flush() throws InterruptedException {
    if (!writer.flush(FLUSH_TIMEOUT)) {
      log.warn("Call events were not all written within {}", FLUSH_TIMEOUT);
    }
  }

  /**
   * The webhooks, for features that queue {@code call.analyzed} or {@code batch.completed} in their own
   * transactions ({@link Webhooks#callAnalyzed}, {@link Webhooks#batchCompleted}, then {@link Webhooks#wake}).
   */
  public Webhooks webhooks() {
    return webhooks;
  }

  /** The HTTP port in use. */
  public int httpPort() {
    return http.port();
  }

  /**
   * What {@code /healthz} checks: the store, and whatever the caller registers (the server adds SIP, media and the
   * providers).
   */
  public Readiness readiness() {
    return readiness;
  }

  /**
   * Lets the dialer, the REST commands and gRPC EndCall/ControlCall reach the engine (until then dials are refused and
   * gRPC commands answer UNAVAILABLE).
   */
  public void attachCommands(CallCommands commands) {
    live.commands().attach(commands);
    dialer.wake(); // calls left queued while no engine was attached are due now
  }

  /** Replaces how gRPC PlaceCall places calls (by default as {@code POST /v1/calls} does). */
  public void attachOutbound(OutboundCalls outbound) {
    live.outbound().set(outbound);
  }

  /** Stored call events as they commit, for live watchers. */
  public CallEventBus events() {
    return live.bus();
  }

  /** dataDir/api-key when this start generated a key, else null. */
  public Path generatedKeyFile() {
    return generatedKeyFile;
  }

  /** Stops the dialer (queued calls stay queued), writes the queued events (at most 10 s), stops the HTTP server and releases the store. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (keyReload != null) {
      keyReload.shutdownNow();
    }
    dialer.close();
    writer.close(DRAIN_TIMEOUT);
    if (analysis != null) {
      analysis.close(DRAIN_TIMEOUT);
    }
    webhooks.close();
    http.close();
    closeStore(store, writer);
    if (writer.kept() > 0) {
      log.warn("{} call event(s) were kept on disk during this run; the next start stores those still waiting",
          writer.kept());
    }
    if (writer.lost() > 0) {
      log.error("{} call event(s) could not be stored during this run (see the errors above)", writer.lost());
    }
    lock.close();
  }

  /** Closes the writer's connection, unless the writer thread is stuck inside it (the process exit releases it). */
  private static void closeStore(CallStore store, CallEventWriter writer) {
    if (writer != null && !writer.stopped()) {
      log.error("The event writer did not stop; leaving its store connection open");
      return;
    }
    try {
      store.close();
    } catch (SQLException e) {
      log.warn("Closing the call store: {}", e.toString());
    }
  }
}
