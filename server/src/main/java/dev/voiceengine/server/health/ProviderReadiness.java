package dev.voiceengine.server.health;

import dev.voiceengine.control.health.PartHealth;
import dev.voiceengine.control.health.ReadinessCheck;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * "providers.stt", "providers.llm", "providers.tts": a provider served in this process is up once started; a remote
 * one is asked over its own channel with the standard gRPC health service ({@code grpc.health.v1.Health/Check}) for
 * the provider service the engine uses. A server without the health service counts as up (it answered); one that
 * cannot be reached, does not answer in time, or does not serve the service is down.
 */
public final class ProviderReadiness implements ReadinessCheck {
  static final Duration DEADLINE = Duration.ofMillis(1500);

  private final String name;
  private final Channel remote;
  private final String service;

  private ProviderReadiness(String name, Channel remote, String service) {
    this.name = name;
    this.remote = remote;
    this.service = service;
  }

  /** A capability served in this process. */
  public static ProviderReadiness embedded(String name) {
    return new ProviderReadiness(name, null, null);
  }

  /** A capability served at the other end of {@code channel}, as gRPC service {@code service}. */
  public static ProviderReadiness remote(String name, Channel channel, String service) {
    return new ProviderReadiness(name, channel, service);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public PartHealth check() {
    if (remote == null) {
      return PartHealth.ok("embedded");
    }
    try {
      HealthCheckResponse response = HealthGrpc.newBlockingStub(remote)
          .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build());
      return response.getStatus() == HealthCheckResponse.ServingStatus.SERVING
          ? PartHealth.ok() : PartHealth.down("not serving");
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.UNIMPLEMENTED) {
        return PartHealth.ok("no health service");
      }
      return PartHealth.down(code == Status.Code.NOT_FOUND ? "not serving" : "unreachable");
    }
  }
}
