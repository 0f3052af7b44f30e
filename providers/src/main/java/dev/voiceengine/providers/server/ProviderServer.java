package dev.voiceengine.providers.server;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running gRPC server for provider services (speech to text, language model, text to speech — any subset) plus
 * the standard health service ({@code grpc.health.v1.Health}, reporting SERVING for the server and each service).
 *
 * <p>Embedded providers run in the same process under a name ({@link #inProcess}); a provider for other nodes
 * listens on TCP ({@link #tcp}). Either way calls are delivered on a small executor of the server's own, not on the
 * transport's threads: the services hand heavy work to their own bounded executors, and nothing they do blocks the
 * transport. {@link #close} stops gracefully within a bound.
 */
public final class ProviderServer implements AutoCloseable {
  private static final long CLOSE_SECONDS = 5;

  private final Server server;
  private final HealthStatusManager health;
  private final ExecutorService callbacks;
  private final String name;

  private ProviderServer(ServerBuilder<?> builder, List<BindableService> services, String name) {
    this.health = new HealthStatusManager();
    this.name = name;
    AtomicInteger threads = new AtomicInteger();
    this.callbacks = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
      Thread t = new Thread(r, "provider-grpc-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    builder.executor(callbacks).addService(health.getHealthService());
    for (BindableService service : services) {
      builder.addService(service);
    }
    try {
      this.server = builder.build().start();
    } catch (IOException e) {
      callbacks.shutdownNow();
      throw new UncheckedIOException("cannot start the provider server " + name, e);
    }
    for (BindableService service : services) {
      health.setStatus(service.bindService().getServiceDescriptor().getName(),
          io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
    }
    health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
  }

  /**
   * Serves in this process under {@code name}; clients connect with {@code InProcessChannelBuilder.forName(name)}.
   *
   * @throws UncheckedIOException if the name is already taken
   */
  public static ProviderServer inProcess(String name, List<BindableService> services) {
    return new ProviderServer(InProcessServerBuilder.forName(name), services, "in-process:" + name);
  }

  /**
   * Serves on TCP; {@code port} 0 picks a free port (see {@link #port()}).
   *
   * @throws UncheckedIOException if the address cannot be bound
   */
  public static ProviderServer tcp(String host, int port, List<BindableService> services) {
    return new ProviderServer(NettyServerBuilder.forAddress(new InetSocketAddress(host, port)), services,
        host + ":" + port);
  }

  /** The TCP port listened on, or -1 in process. */
  public int port() {
    return server.getPort();
  }

  /** What the server was started as, e.g. {@code in-process:stt} or {@code 127.0.0.1:0}. */
  public String name() {
    return name;
  }

  /**
   * Stops: health turns NOT_SERVING, new calls are refused, running calls get up to {@value #CLOSE_SECONDS} s to
   * finish, then are cancelled. Does not close the services (they may be shared); close them afterwards.
   */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(CLOSE_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      callbacks.shutdownNow();
    }
  }
}
