package dev.voiceengine.testsupport.providers;

import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Provider services on grpc-java's in-process transport, under a name no other test uses, with its default (pooled)
 * executors: the engine's provider clients talk real gRPC to them without a socket. Its channel reports the calls that
 * closed ({@link #closedCalls}), the event a test waits for before asserting that nothing more arrived.
 */
public final class InProcessProvider implements AutoCloseable {
  /** The calls made on {@link #channel()} that have closed. */
  public final ClosedCalls closedCalls = new ClosedCalls();
  private final Server server;
  private final ManagedChannel channel;

  private InProcessProvider(Server server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  public static InProcessProvider start(BindableService... services) throws IOException {
    return start(List.of(services));
  }

  public static InProcessProvider start(List<BindableService> services) throws IOException {
    String name = InProcessServerBuilder.generateName();
    InProcessServerBuilder builder = InProcessServerBuilder.forName(name);
    services.forEach(builder::addService);
    return new InProcessProvider(builder.build().start(), InProcessChannelBuilder.forName(name).build());
  }

  /** The channel the engine's provider clients use. */
  public Channel channel() {
    return ClientInterceptors.intercept(channel, closedCalls);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    server.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
