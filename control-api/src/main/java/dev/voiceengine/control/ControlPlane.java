package dev.voiceengine.control;

import dev.voiceengine.control.api.ApiServer;
import dev.voiceengine.control.api.CallEventsService;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.OutboundCalls;
import dev.voiceengine.control.events.CallEventBus;
import dev.voiceengine.control.auth.ApiKeyBootstrap;
import dev.voiceengine.control.events.CallEventWriter;
import dev.voiceengine.control.events.PendingEvents;
import dev.voiceengine.control.events.StoreEventApplier;
import dev.voiceengine.control.files.OwnerOnlyFiles;
import dev.voiceengine.control.grpc.GrpcRoutes;
import dev.voiceengine.control.health.Readiness;
import dev.voiceengine.control.store.ApiKeyStore;
import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.SqliteFiles;
import dev.voiceengine.control.store.StoreProbe;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.nio.file.Path;
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

  private final DataDirLock lock;
  private final CallStore store;
  private final CallEventWriter writer;
  private final ApiServer http;
  private final Path generatedKeyFile;
  private final Readiness readiness;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final LiveLinks live;

  /** What the live APIs (event stream, gRPC) use: the bus, and the engine's ports once attached. */
  private record LiveLinks(CallEventBus bus, AtomicReference<CallCommands> commands,
      AtomicReference<OutboundCalls> outbound) {
    LiveLinks() {
      this(new CallEventBus(), new AtomicReference<>(), new AtomicReference<>());
    }
  }

  private ControlPlane(DataDirLock lock, CallStore store, CallEventWriter writer, ApiServer http,
      Path generatedKeyFile, Readiness readiness, LiveLinks live) {
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
    Objects.requireNonNull(settings.dataDir(), "dataDir");
    Path dataDir = settings.dataDir().toAbsolutePath();
    OwnerOnlyFiles.folder(dataDir);
    DataDirLock lock = DataDirLock.acquire(dataDir);
    try {
      return start(settings, dataDir, lock);
    } catch (Exception | Error e) {
      lock.close();
      throw e;
    }
  }

  private static ControlPlane start(ControlSettings settings, Path dataDir, DataDirLock lock) throws Exception {
    String url = settings.jdbcUrl() == null || settings.jdbcUrl().isBlank()
        ? "jdbc:sqlite:" + dataDir.resolve("calls.db")
        : settings.jdbcUrl();
    SqliteFiles.ownerOnly(url);
    Database database = Database.of(url);
    database.migrate();
    Clock clock = Clock.systemUTC();
    CallStore store = new CallStore(database, clock);
    CallEventWriter writer = null;
    try {
      LiveLinks live = new LiveLinks();
      StoreEventApplier applier = new StoreEventApplier(store, clock, live.bus());
      OwnerOnlyFiles.tighten(dataDir.resolve(PENDING_EVENTS_FILE)); // an earlier version's
      PendingEvents pending = new PendingEvents(dataDir.resolve(PENDING_EVENTS_FILE));
      pending.replay(applier);
      int unfinished = store.failUnfinished();
      if (unfinished > 0) {
        log.warn("{} call(s) were still live when the previous run stopped; marked failed ({})", unfinished,
            CallStore.ENGINE_RESTART);
      }
      ApiKeyBootstrap.Result keys = ApiKeyBootstrap.run(new ApiKeyStore(database, clock), settings.apiKeys(),
          dataDir);
      writer = new CallEventWriter(applier, pending, QUEUE_CAPACITY, CallEventWriter.RetryPolicy.DEFAULT);
      writer.start();
      Readiness readiness = new Readiness();
      readiness.register(new StoreProbe(database, clock));
      String bind = settings.bindAddress() == null || settings.bindAddress().isBlank()
          ? "127.0.0.1" : settings.bindAddress();
      CallQueries queries = new CallQueries(database);
      CallEventLog eventLog = new CallEventLog(database);
      ApiServer http = ApiServer.start(bind, settings.httpPort(), queries, keys.verifier(),
          dataDir, settings.metrics(), settings.corsOrigins(), readiness, List.of(
              CallEventsService.routes(queries, live.bus(), eventLog),
              GrpcRoutes.of(queries, live.bus(), eventLog, live.commands()::get, live.outbound()::get)));
      return new ControlPlane(lock, store, writer, http, keys.generatedKeyFile(), readiness, live);
    } catch (Exception | Error e) {
      if (writer != null) {
        writer.close(DRAIN_TIMEOUT);
      }
      closeStore(store, writer);
      throw e;
    }
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

  /** Lets gRPC EndCall and ControlCall reach the engine (until then they answer UNAVAILABLE). */
  public void attachCommands(CallCommands commands) {
    live.commands().set(commands);
  }

  /** Lets gRPC PlaceCall place calls (until then it answers UNIMPLEMENTED). */
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

  /** Writes the queued events (at most 10 s), stops the HTTP server and releases the store. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    writer.close(DRAIN_TIMEOUT);
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
