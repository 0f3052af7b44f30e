package dev.voiceengine.media;

import dev.voiceengine.media.metrics.MediaMetrics;
import dev.voiceengine.media.metrics.OverloadGuard;
import dev.voiceengine.media.record.CallRecorder;
import dev.voiceengine.media.record.OwnerOnly;
import dev.voiceengine.media.record.RecordingBudget;
import dev.voiceengine.media.record.RecordingContext;
import dev.voiceengine.media.session.CallMedia;
import dev.voiceengine.media.session.FrameSchedulers;
import dev.voiceengine.media.session.RtpPortAllocator;
import dev.voiceengine.proto.control.v1.CallEvent;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media side of the engine: opens one RTP session per call on a port of the configured range and runs all
 * calls on a few Netty event loops (epoll when available, else NIO), with a small shared pool for recording I/O and
 * one memory budget for audio waiting on the disk. Emits CallOffered when a session opens, CallAnswered and CallEnded
 * as calls progress; every call that was offered gets its CallEnded, even when the disk hangs.
 */
public final class MediaEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MediaEngine.class);

  /** Recordings folder, relative to the data directory. */
  public static final String RECORDINGS_DIR = "recordings";
  static final String ENGINE_SHUTDOWN = "engine_shutdown";
  private static final Duration DEFAULT_JITTER_DELAY = Duration.ofMillis(60);
  private static final long CLOSE_WAIT_SECONDS = 5;
  private static final int RECORDER_THREADS = 2;
  private static final int FRAMES_PER_CHUNK = 25;
  /** Beyond the recording finish timeout, how long ending calls may take (posting to their loops, emitting). */
  private static final Duration END_SLACK = Duration.ofSeconds(1);

  private final MediaSettings settings;
  private final CallEventSink sink;
  private final EventLoopGroup group;
  private final ChannelFactory<? extends DatagramChannel> channelFactory;
  private final ExecutorService recorderPool;
  private final RecordingContext recording;
  private final ExecutorService controlExecutor;
  private final RtpPortAllocator ports;
  private final String bindAddress;
  private final Path dataDir;
  /** The engine's one table of live calls, by call id: each call's state lives in its session. */
  private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
  private final MediaMetrics metrics = new MediaMetrics();
  private final FrameSchedulers beats = new FrameSchedulers(metrics);
  private final OverloadGuard overload = new OverloadGuard(metrics, System::nanoTime);
  private final AtomicBoolean closed = new AtomicBoolean();

  public MediaEngine(MediaSettings settings, CallEventSink sink) {
    this(settings, sink, new ThreadPoolExecutor(RECORDER_THREADS, RECORDER_THREADS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(100_000), new DefaultThreadFactory("media-recorder", true)));
  }

  /** With the pool for recording I/O given (tests stall it to play a hung disk); the engine shuts it down. */
  MediaEngine(MediaSettings settings, CallEventSink sink, ExecutorService recorderPool) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.ports = new RtpPortAllocator(settings.rtpPortMin(), settings.rtpPortMax());
    this.bindAddress = settings.bindAddress() == null || settings.bindAddress().isBlank()
        ? "0.0.0.0" : settings.bindAddress();
    this.dataDir = settings.dataDir() == null ? Path.of(".") : settings.dataDir();
    try {
      OwnerOnly.folder(dataDir.resolve(RECORDINGS_DIR));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dataDir.resolve(RECORDINGS_DIR), e);
    }
    boolean epoll = Epoll.isAvailable();
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    int threads = settings.eventLoopThreads() > 0
        ? settings.eventLoopThreads() : Runtime.getRuntime().availableProcessors();
    this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("media-rtp", true), io);
    // An IPv4 bind gets IPv4 sockets: dual-stack ones take the longer IPv6 path through the kernel for every packet.
    boolean inet = NetUtil.isValidIpV4Address(bindAddress);
    this.channelFactory = epoll
        ? (inet ? () -> new EpollDatagramChannel(SocketProtocolFamily.INET) : EpollDatagramChannel::new)
        : (inet ? () -> new NioDatagramChannel(SocketProtocolFamily.INET) : NioDatagramChannel::new);
    this.recorderPool = Objects.requireNonNull(recorderPool, "recorderPool");
    this.recording = new RecordingContext(recorderPool, new RecordingBudget(settings.effectiveRecordingBudgetBytes()),
        RecordingContext.WAV, CallMedia.FRAME_SAMPLES, FRAMES_PER_CHUNK, settings.effectiveRecordingFinishTimeout());
    this.controlExecutor = Executors.newSingleThreadExecutor(new DefaultThreadFactory("media-control", true));
    log.info("media engine: {} event loops ({}), RTP ports {}-{} on {}", threads, epoll ? "epoll" : "nio",
        settings.rtpPortMin(), settings.rtpPortMax(), bindAddress);
  }

  /**
   * Opens the call's RTP session on a free even port and emits CallOffered. Blocks while binding: call it from a
   * signalling thread, not from one of this engine's event loops.
   *
   * @throws NoFreePortException when no port of the range can be bound
   */
  public CallSession open(CallInfo info, CallControl control) throws IOException {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(control, "control");
    String callId = Objects.requireNonNull(info.callId(), "info.callId");
    if (closed.get()) {
      throw new IOException("media engine is closed");
    }
    if (sessions.containsKey(callId)) {
      throw new IllegalStateException("call " + callId + " already has a media session");
    }
    Throwable lastFailure = null;
    for (int attempt = 0; attempt < ports.capacity(); attempt++) {
      int port = ports.acquire();
      if (port < 0) {
        break;
      }
      CallSession[] session = new CallSession[1];
      CallMedia media = new CallMedia(callId, jitterDelayMillis(), noMediaTimeoutNanos(), () -> {
        if (session[0] != null) {
          session[0].noMedia();
        }
      }, metrics, beats);
      ChannelFuture bound = bootstrap(media).bind(new InetSocketAddress(bindAddress, port)).awaitUninterruptibly();
      if (!bound.isSuccess()) {
        lastFailure = bound.cause();
        log.debug("RTP port {} unavailable: {}", port, String.valueOf(lastFailure));
        ports.release(port);
        continue;
      }
      CallSession created = new CallSession(this, info, control, bound.channel(), media, port);
      session[0] = created;
      // CallOffered goes out before the session is published: close() ends only sessions it can see, so its
      // CallEnded cannot overtake the CallOffered.
      emit(CallEvents.offered(info));
      if (sessions.putIfAbsent(callId, created) != null) {
        bound.channel().close().addListener(f -> ports.release(port));
        throw new IllegalStateException("call " + callId + " already has a media session");
      }
      if (closed.get()) {
        // close() may have looked before this session was published: end it here, CallEnded included.
        created.end(ENGINE_SHUTDOWN, "");
        awaitEnded(List.of(created));
        throw new IOException("media engine is closed");
      }
      return created;
    }
    NoFreePortException e = new NoFreePortException("no free RTP port in " + settings.rtpPortMin() + "-"
        + settings.rtpPortMax() + " (" + ports.inUse() + " in use)");
    if (lastFailure != null) {
      e.initCause(lastFailure);
    }
    throw e;
  }

  /** Media health across all calls, for metrics export. */
  public MediaMetrics metrics() {
    return metrics;
  }

  /**
   * Whether the event loops are falling behind (many frames run late or skipped in the last seconds): new calls
   * would hurt the live ones. Any thread.
   */
  public boolean overloaded() {
    return overload.overloaded();
  }

  /**
   * Completes once every event loop has run a no-op task: a loop that is stuck (a task blocking it) or gone never
   * completes it, so readiness checks bound the wait. Fails at once when the engine is closed. Any thread.
   */
  public CompletableFuture<Void> pingLoops() {
    if (closed.get() || group.isShuttingDown()) {
      return CompletableFuture.failedFuture(new IllegalStateException("media engine is closed"));
    }
    List<CompletableFuture<Void>> pings = new ArrayList<>();
    for (EventExecutor loop : group) {
      CompletableFuture<Void> ping = new CompletableFuture<>();
      try {
        loop.execute(() -> ping.complete(null));
      } catch (RejectedExecutionException e) {
        ping.completeExceptionally(e);
      }
      pings.add(ping);
    }
    return CompletableFuture.allOf(pings.toArray(CompletableFuture[]::new));
  }

  /** Calls with an open media session. */
  public int activeSessions() {
    return sessions.size();
  }

  /**
   * The live call with {@code callId} (the id of its record, which signalling uses too), or null when there is none:
   * never opened, or ended and its CallEnded emitted.
   */
  public CallSession session(String callId) {
    return callId == null ? null : sessions.get(callId);
  }

  /**
   * Ends every live call with outcome "engine_shutdown" (recordings closed, CallEnded emitted), then stops the
   * event loops and pools. Every live call has emitted CallEnded when this returns: a recording that does not close
   * within the finish timeout is reported unfinished, and a call whose loop does not end it in time is ended from
   * here. Waits a bounded time for each step. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<CallSession> live = new ArrayList<>(sessions.values());
    for (CallSession session : live) {
      session.end(ENGINE_SHUTDOWN, "");
    }
    awaitEnded(live);
    for (CallSession session : live) {
      if (!session.ended().isDone()) {
        session.abandon(ENGINE_SHUTDOWN, "the call's media did not stop in time at shutdown");
      }
    }
    group.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
        .awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    recorderPool.shutdown();
    controlExecutor.shutdown();
    try {
      recorderPool.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
      controlExecutor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean recording() {
    return settings.record();
  }

  CallRecorder newRecorder(String relativePath) {
    return new CallRecorder(dataDir.resolve(relativePath), relativePath, recording);
  }

  /** Waits until the sessions have ended, at most the recording finish timeout plus a little. */
  private void awaitEnded(List<CallSession> ending) {
    if (ending.isEmpty()) {
      return;
    }
    Duration wait = recording.finishTimeout().plus(END_SLACK);
    try {
      CompletableFuture.allOf(ending.stream().map(CallSession::ended).toArray(CompletableFuture<?>[]::new))
          .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.warn("{} calls did not finish ending within {} ms", ending.stream().filter(s -> !s.ended().isDone())
          .count(), wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.warn("ending calls failed", e);
    }
  }

  void emit(CallEvent event) {
    try {
      sink.accept(event);
    } catch (RuntimeException e) {
      log.error("call event sink failed on {} for call {}", event.getKindCase(), event.getCallId(), e);
    }
  }

  void releasePort(int port) {
    ports.release(port);
  }

  void forget(CallSession session) {
    sessions.remove(session.callId(), session);
  }

  /** Runs a CallControl callback off the event loops (signalling may block briefly). */
  void controlCallback(Runnable callback) {
    try {
      controlExecutor.execute(() -> {
        try {
          callback.run();
        } catch (RuntimeException e) {
          log.error("call control callback failed", e);
        }
      });
    } catch (RejectedExecutionException e) {
      log.debug("engine closing, dropping call control callback");
    }
  }

  private Bootstrap bootstrap(CallMedia media) {
    return new Bootstrap()
        .group(group)
        .channelFactory(channelFactory)
        .option(ChannelOption.RECVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048))
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            media.initChannel(ch);
          }
        });
  }

  /** How long caller audio waits in the jitter buffer before it is heard, milliseconds. */
  int inputDelayMillis() {
    return jitterDelayMillis();
  }

  private int jitterDelayMillis() {
    Duration d = settings.jitterDelay();
    return (int) (d == null || d.isNegative() ? DEFAULT_JITTER_DELAY : d).toMillis();
  }

  private long noMediaTimeoutNanos() {
    Duration d = settings.noMediaTimeout();
    return d == null || d.isNegative() ? 0 : d.toNanos();
  }
}
