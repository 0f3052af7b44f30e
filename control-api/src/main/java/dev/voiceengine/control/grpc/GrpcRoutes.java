package dev.voiceengine.control.grpc;

import com.linecorp.armeria.server.grpc.GrpcService;
import dev.voiceengine.control.api.ApiServer;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.OutboundCalls;
import dev.voiceengine.control.events.CallEventBus;
import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.proto.control.v1.CallControlGrpc;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.util.function.Supplier;

/**
 * The gRPC side of the API, on the REST port: {@code voice.control.v1.CallControl} behind the API keys
 * ({@link GrpcAuth}); the standard health service open like {@code /healthz}, and server reflection open too (it
 * tells only the schema, which is public in the proto files; Armeria serves reflection only undecorated). Armeria
 * tells gRPC from REST requests by path ({@code /voice.control.v1.CallControl/…}) and content type.
 */
public final class GrpcRoutes {
  private GrpcRoutes() {}

  /**
   * The routes to pass to {@link ApiServer#start}. {@code commands} and {@code outbound} are asked per request and
   * may answer null while the engine has not attached them (then EndCall/ControlCall are UNAVAILABLE and PlaceCall
   * UNIMPLEMENTED).
   */
  public static ApiServer.Routes of(CallQueries queries, CallEventBus bus, CallEventLog eventLog,
      Supplier<CallCommands> commands, Supplier<OutboundCalls> outbound) {
    return (sb, keys) -> {
      GrpcAuth auth = new GrpcAuth(keys);
      HealthStatusManager health = new HealthStatusManager();
      health.setStatus(CallControlGrpc.SERVICE_NAME, ServingStatus.SERVING);
      GrpcService grpc = GrpcService.builder()
          .addService(ServerInterceptors.intercept(new CallControlService(queries, bus, eventLog, commands,
              outbound, CallEventBus.DEFAULT_CAPACITY), auth))
          .addService(ProtoReflectionServiceV1.newInstance())
          .addService(health.getHealthService())
          .useBlockingTaskExecutor(true)
          .build();
      sb.service(grpc, delegate -> delegate.decorate(new GrpcOnly()));
    };
  }
}
