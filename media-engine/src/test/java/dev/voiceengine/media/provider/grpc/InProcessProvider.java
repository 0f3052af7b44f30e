package dev.voiceengine.media.provider.grpc;

import io.grpc.BindableService;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A provider service on grpc-java's in-process transport, under a name no other test uses. Its channel reports the
 * calls that closed ({@link #closedCalls}).
 */
final class InProcessProvider implements AutoCloseable {
  final ClosedCalls closedCalls = new ClosedCalls();
  private final Server server;
  private final ManagedChannel channel;

  private InProcessProvider(Server server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  static InProcessProvider start(BindableService service) throws IOException {
    String name = InProcessServerBuilder.generateName();
    Server server = InProcessServerBuilder.forName(name).addService(service).build().start();
    return new InProcessProvider(server, InProcessChannelBuilder.forName(name).build());
  }

  Channel channel() {
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
