package dev.voiceengine.control.grpc;

import com.linecorp.armeria.server.ServiceRequestContext;
import dev.voiceengine.control.auth.CallerOrg;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.CommandException;
import dev.voiceengine.control.commands.OutboundCalls;
import dev.voiceengine.control.events.CallEventBus;
import dev.voiceengine.control.events.EventFeed;
import dev.voiceengine.control.events.LiveEvent;
import dev.voiceengine.control.store.CallEventLog;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallOrgs;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.proto.control.v1.Call;
import dev.voiceengine.proto.control.v1.CallControlGrpc;
import dev.voiceengine.proto.control.v1.ControlCallRequest;
import dev.voiceengine.proto.control.v1.ControlCallResponse;
import dev.voiceengine.proto.control.v1.EndCallRequest;
import dev.voiceengine.proto.control.v1.EndCallResponse;
import dev.voiceengine.proto.control.v1.GetCallRequest;
import dev.voiceengine.proto.control.v1.ListCallsRequest;
import dev.voiceengine.proto.control.v1.ListCallsResponse;
import dev.voiceengine.proto.control.v1.PlaceCallRequest;
import dev.voiceengine.proto.control.v1.WatchEventsRequest;
import dev.voiceengine.proto.control.v1.WatchedEvent;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code voice.control.v1.CallControl}: calls are read through {@link CallQueries}, ended and steered through the
 * engine's {@link CallCommands}, placed through {@link OutboundCalls}, and watched through the {@link CallEventBus}
 * and the event log. Unary methods run on the blocking executor (JDBC); a watch sends on its request's event loop.
 * Commands and outbound calls are looked up per request, so the engine may attach them after the server started.
 */
final class CallControlService extends CallControlGrpc.CallControlImplBase {
  private static final Logger log = LoggerFactory.getLogger(CallControlService.class);

  private final CallQueries queries;
  private final CallOrgs orgs;
  private final CallEventBus bus;
  private final CallEventLog eventLog;
  private final Supplier<CallCommands> commands;
  private final Supplier<OutboundCalls> outbound;
  private final int capacity;

  CallControlService(CallQueries queries, CallEventBus bus, CallEventLog eventLog, Supplier<CallCommands> commands,
      Supplier<OutboundCalls> outbound, int capacity) {
    this.queries = queries;
    this.orgs = queries.orgs();
    this.bus = bus;
    this.eventLog = eventLog;
    this.commands = commands;
    this.outbound = outbound;
    this.capacity = capacity;
  }

  @Override
  public void listCalls(ListCallsRequest request, StreamObserver<ListCallsResponse> out) {
    unary(out, () -> {
      CallFilter filter = ListCallsMapping.filter(request);
      return ListCallsMapping.response(queries.list(filter.toBuilder().orgId(CallerOrg.current()).build()), filter);
    });
  }

  @Override
  public void getCall(GetCallRequest request, StreamObserver<Call> out) {
    unary(out, () -> {
      String id = owned(callId(request.getCallId()));
      return CallMessages.call(queries.find(id).orElseThrow(() -> notFound(id)));
    });
  }

  @Override
  public void placeCall(PlaceCallRequest request, StreamObserver<Call> out) {
    unary(out, () -> {
      OutboundCalls calls = outbound.get();
      if (calls == null) {
        throw Status.UNIMPLEMENTED.withDescription(
            "placing calls over gRPC is not available in this build yet; use POST /v1/calls").asRuntimeException();
      }
      OutboundCalls.Result result = calls.place(new OutboundCalls.PlaceRequest(request.getAgentId(),
          request.getToNumber(), request.getFromNumber(), request.getContextMap(), request.getFirstMessage(),
          request.getMetadataMap(), CallerOrg.current()));
      if (result instanceof OutboundCalls.Invalid invalid) {
        throw Status.INVALID_ARGUMENT.withDescription(invalid.field() + ": " + invalid.message())
            .asRuntimeException();
      } else if (result instanceof OutboundCalls.Busy busy) {
        throw Status.RESOURCE_EXHAUSTED
            .withDescription(busy.message() + "; retry after " + busy.retryAfter().toSeconds() + " s")
            .asRuntimeException();
      }
      return CallMessages.call(((OutboundCalls.Placed) result).call());
    });
  }

  @Override
  public void endCall(EndCallRequest request, StreamObserver<EndCallResponse> out) {
    unary(out, () -> {
      engine().end(owned(callId(request.getCallId())));
      return EndCallResponse.getDefaultInstance();
    });
  }

  @Override
  public void controlCall(ControlCallRequest request, StreamObserver<ControlCallResponse> out) {
    unary(out, () -> {
      String id = owned(callId(request.getCallId()));
      engine().control(id, CommandStatus.command(request));
      return ControlCallResponse.getDefaultInstance();
    });
  }

  @Override
  public void watchEvents(WatchEventsRequest request, StreamObserver<WatchedEvent> out) {
    ServerCallStreamObserver<WatchedEvent> call = (ServerCallStreamObserver<WatchedEvent>) out;
    ServiceRequestContext ctx = ServiceRequestContext.current();
    if (request.getAfterEventId() < 0) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("after_event_id must not be negative")
          .asRuntimeException());
      return;
    }
    String callId = request.getCallId().isBlank() ? null : request.getCallId().strip().toLowerCase(Locale.ROOT);
    // Always the caller's organization: asking for another one's events watches nothing.
    String orgId = CallerOrg.of(ctx);
    if (!request.getOrgId().isEmpty() && !request.getOrgId().equals(orgId)) {
      out.onError(Status.NOT_FOUND.withDescription("no organization " + request.getOrgId()).asRuntimeException());
      return;
    }
    if (callId != null && foreign(orgId, callId)) { // runs on the blocking executor (GrpcRoutes)
      out.onError(notFound(callId));
      return;
    }
    // 0 without a call: live events only (no replay of the whole log).
    long after = request.getAfterEventId() == 0 && callId == null ? -1 : request.getAfterEventId();
    ctx.clearRequestTimeout();
    AtomicReference<EventFeed> feed = new AtomicReference<>();
    EventFeed.Sink sink = new EventFeed.Sink() {
      @Override
      public boolean ready() {
        return call.isReady();
      }

      @Override
      public void send(LiveEvent e) {
        call.onNext(WatchedEvent.newBuilder().setEventId(e.id()).setType(e.type()).setEvent(e.event()).build());
      }

      @Override
      public void end() {
        call.onCompleted();
      }

      @Override
      public void fail(String message) {
        call.onError(Status.RESOURCE_EXHAUSTED.withDescription(message).asRuntimeException());
      }
    };
    call.setOnReadyHandler(() -> {
      EventFeed f = feed.get();
      if (f != null) {
        f.resume();
      }
    });
    call.setOnCancelHandler(() -> {
      EventFeed f = feed.get();
      if (f != null) {
        f.close();
      }
    });
    feed.set(EventFeed.start(bus, eventLog, new EventFeed.Filter(callId, orgId, after, callId != null, false),
        capacity, ctx.eventLoop(), ctx.blockingTaskExecutor(), sink));
  }

  /**
   * The id when the call is the caller's organization's; NOT_FOUND (as for a missing call) otherwise. A call not
   * stored (yet) is left to the engine only for the default organization, as before organizations existed.
   */
  private String owned(String id) {
    String caller = CallerOrg.current();
    String owner;
    try {
      owner = orgs.callOrg(id);
    } catch (java.sql.SQLException e) {
      log.warn("Could not check the organization of call {}: {}", id, e.toString());
      throw Status.UNAVAILABLE.withDescription("the call store is not available").asRuntimeException();
    }
    if (owner == null ? !caller.equals(CallOrgs.DEFAULT_ORG) : !owner.equals(caller)) {
      throw notFound(id);
    }
    return id;
  }

  /** Whether the call is stored for another organization (a missing one is not foreign: it may be offered soon). */
  private boolean foreign(String orgId, String callId) {
    try {
      String owner = orgs.callOrg(callId);
      return owner != null && !owner.equals(orgId);
    } catch (java.sql.SQLException e) {
      log.warn("Could not check the organization of call {}: {}", callId, e.toString());
      return true;
    }
  }

  private static StatusRuntimeException notFound(String id) {
    return Status.NOT_FOUND.withDescription("no call with id " + id).asRuntimeException();
  }

  private CallCommands engine() {
    CallCommands engine = commands.get();
    if (engine == null) {
      throw Status.UNAVAILABLE.withDescription("the engine is not attached to the control plane")
          .asRuntimeException();
    }
    return engine;
  }

  /** A call id as stored (UUIDs lower case); INVALID_ARGUMENT when empty. */
  private static String callId(String raw) {
    String id = raw.strip();
    if (id.isEmpty()) {
      throw Status.INVALID_ARGUMENT.withDescription("call_id is required").asRuntimeException();
    }
    return id.toLowerCase(Locale.ROOT);
  }

  private interface Work<T> {
    T run() throws Exception;
  }

  private static <T> void unary(StreamObserver<T> out, Work<T> work) {
    T response;
    try {
      response = work.run();
    } catch (StatusRuntimeException e) {
      out.onError(e);
      return;
    } catch (CommandException e) {
      out.onError(CommandStatus.of(e));
      return;
    } catch (Exception e) {
      log.error("gRPC call failed", e);
      out.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }
}
