package dev.voiceengine.control.grpc;

import static dev.voiceengine.control.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.TestEvents;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.commands.CallCommand;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.control.store.ApiKeyStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.CallControlGrpc;
import dev.voiceengine.proto.control.v1.ControlCallRequest;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.proto.control.v1.EndCallRequest;
import dev.voiceengine.proto.control.v1.GetCallRequest;
import dev.voiceengine.proto.control.v1.ListCallsRequest;
import dev.voiceengine.proto.control.v1.PlaceCallRequest;
import dev.voiceengine.proto.control.v1.WatchEventsRequest;
import dev.voiceengine.proto.control.v1.WatchedEvent;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC with two organizations: GetCall, EndCall and ControlCall answer another organization's call NOT_FOUND (the
 * engine never sees the command), ListCalls and WatchEvents show only the caller's calls, PlaceCall refuses another
 * organization's agent, and a revoked key is UNAUTHENTICATED without a restart.
 */
class OrgIsolationGrpcTest {
  static final String KEY = "ve_default_grpc_key1";
  static final String ACME_KEY = "ve_acme_grpc_key_001";
  static final String WARMUP = "00000000-0000-0000-0000-00000000d000";
  static final String OURS = "00000000-0000-0000-0000-00000000d001";
  static final String THEIRS = "00000000-0000-0000-0000-00000000a001";

  @TempDir Path dir;
  ControlPlane plane;
  ManagedChannel channel;
  TwoOrgs commands = new TwoOrgs();

  /** An engine with one agent per organization that records the commands reaching it. */
  static final class TwoOrgs implements CallCommands {
    final List<String> ended = new CopyOnWriteArrayList<>();
    final List<CallCommand> commands = new CopyOnWriteArrayList<>();

    @Override
    public DialAdmission dial(OutboundDial dial) {
      return new DialAdmission.Deferred(java.time.Duration.ofHours(1), "not in this test");
    }

    @Override
    public void end(String callId) {
      ended.add(callId);
    }

    @Override
    public void control(String callId, CallCommand command) {
      commands.add(command);
    }

    @Override
    public List<AgentSummary> agents() {
      return List.of(new AgentSummary("demo", "Demo", true, null, false),
          new AgentSummary("acme-bot", "Acme", true, null, false, "acme"));
    }
  }

  @BeforeEach
  void start() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    new ApiKeyStore(database, Clock.systemUTC()).ensure(ApiKeys.hashHex(ACME_KEY), "cli",
        ApiKeys.displayPrefix(ACME_KEY), "acme");
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)).withCommands(commands));
    plane.accept(TestEvents.offered(WARMUP, T0));
    plane.accept(TestEvents.offered(OURS, T0.plusSeconds(1)));
    plane.accept(TestEvents.offered(THEIRS, T0.plusSeconds(2), Direction.INBOUND, "+15550003333", "+15550004444",
        "acme-bot"));
    plane.accept(TestEvents.ended(OURS, T0.plusSeconds(9), "caller_hangup", 0, "", 0));
    plane.accept(TestEvents.ended(THEIRS, T0.plusSeconds(10), "caller_hangup", 0, "", 0));
    plane.flush();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", plane.httpPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    plane.close();
  }

  CallControlGrpc.CallControlBlockingStub stub(String key) {
    Metadata metadata = new Metadata();
    metadata.put(GrpcAuth.API_KEY, key);
    return CallControlGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  static void assertStatus(ThrowingCallable call, Status.Code code) {
    assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }

  @Test
  void readsAndCommandsSeeOnlyTheCallersOrganization() {
    assertThat(stub(ACME_KEY).getCall(GetCallRequest.newBuilder().setCallId(THEIRS).build()).getId())
        .isEqualTo(THEIRS);
    assertStatus(() -> stub(KEY).getCall(GetCallRequest.newBuilder().setCallId(THEIRS).build()),
        Status.Code.NOT_FOUND);
    assertStatus(() -> stub(ACME_KEY).getCall(GetCallRequest.newBuilder().setCallId(OURS).build()),
        Status.Code.NOT_FOUND);
    assertStatus(() -> stub(ACME_KEY).endCall(EndCallRequest.newBuilder().setCallId(OURS).build()),
        Status.Code.NOT_FOUND);
    assertStatus(() -> stub(ACME_KEY).controlCall(ControlCallRequest.newBuilder().setCallId(OURS)
        .setMute(ControlCallRequest.Mute.getDefaultInstance()).build()), Status.Code.NOT_FOUND);
    assertStatus(() -> stub(ACME_KEY).endCall(EndCallRequest.newBuilder()
        .setCallId("00000000-0000-0000-0000-0000000000ff").build()), Status.Code.NOT_FOUND);
    assertThat(commands.ended).isEmpty();
    assertThat(commands.commands).isEmpty();

    assertThat(stub(ACME_KEY).listCalls(ListCallsRequest.getDefaultInstance()).getCallsList())
        .extracting(c -> c.getId()).containsExactly(THEIRS);
    assertThat(stub(KEY).listCalls(ListCallsRequest.getDefaultInstance()).getCallsList())
        .extracting(c -> c.getId()).containsExactly(OURS, WARMUP);

    assertStatus(() -> stub(KEY).placeCall(PlaceCallRequest.newBuilder().setAgentId("acme-bot")
        .setToNumber("+15557770000").build()), Status.Code.INVALID_ARGUMENT);
    String placed = stub(ACME_KEY).placeCall(PlaceCallRequest.newBuilder().setAgentId("acme-bot")
        .setToNumber("+15557770000").build()).getId();
    assertStatus(() -> stub(KEY).getCall(GetCallRequest.newBuilder().setCallId(placed).build()),
        Status.Code.NOT_FOUND);
    assertThat(stub(ACME_KEY).getCall(GetCallRequest.newBuilder().setCallId(placed).build()).getStatus())
        .isNotEmpty();
  }

  @Test
  void watchEventsStreamsOnlyTheCallersOrganization() throws Exception {
    assertStatus(() -> stub(ACME_KEY).watchEvents(WatchEventsRequest.newBuilder().setCallId(OURS).build())
        .hasNext(), Status.Code.NOT_FOUND);
    assertStatus(() -> stub(ACME_KEY).watchEvents(WatchEventsRequest.newBuilder().setOrgId("default")
        .setAfterEventId(1).build()).hasNext(), Status.Code.NOT_FOUND);

    List<WatchedEvent> seen = new ArrayList<>();
    Context.CancellableContext watch = Context.current().withCancellation();
    try {
      watch.run(() -> {
        Iterator<WatchedEvent> events = stub(ACME_KEY).watchEvents(
            WatchEventsRequest.newBuilder().setAfterEventId(1).build());
        while (events.hasNext()) {
          WatchedEvent e = events.next();
          seen.add(e);
          if (e.getType().equals("call.ended")) {
            break;
          }
        }
      });
    } finally {
      watch.cancel(null);
    }
    assertThat(seen).extracting(e -> e.getEvent().getCallId()).containsOnly(THEIRS);
    assertThat(seen).extracting(WatchedEvent::getType).containsExactly("call.offered", "call.ended");
  }

  @Test
  void aRevokedKeyIsUnauthenticated() throws Exception {
    GetCallRequest get = GetCallRequest.newBuilder().setCallId(THEIRS).build();
    assertThat(stub(ACME_KEY).getCall(get).getId()).isEqualTo(THEIRS);
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    assertThat(new ApiKeyStore(database, Clock.systemUTC()).revoke(ApiKeys.displayPrefix(ACME_KEY))).hasSize(1);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Status.Code code = Status.Code.OK;
    while (code != Status.Code.UNAUTHENTICATED && System.nanoTime() < deadline) {
      try {
        stub(ACME_KEY).getCall(get);
        Thread.sleep(100);
      } catch (StatusRuntimeException e) {
        code = e.getStatus().getCode();
      }
    }
    assertThat(code).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(stub(KEY).listCalls(ListCallsRequest.getDefaultInstance()).getCallsCount()).isEqualTo(2);
  }
}
