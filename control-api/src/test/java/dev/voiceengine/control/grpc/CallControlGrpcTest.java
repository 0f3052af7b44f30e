package dev.voiceengine.control.grpc;

import static dev.voiceengine.control.TestEvents.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.TestEvents;
import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.commands.CallCommand;
import dev.voiceengine.control.commands.CallCommands;
import dev.voiceengine.control.commands.CommandException;
import dev.voiceengine.control.commands.DialAdmission;
import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.proto.control.v1.CallControlGrpc;
import dev.voiceengine.proto.control.v1.ControlCallRequest;
import dev.voiceengine.proto.control.v1.EndCallRequest;
import dev.voiceengine.proto.control.v1.GetCallRequest;
import dev.voiceengine.proto.control.v1.ListCallsRequest;
import dev.voiceengine.proto.control.v1.ListCallsResponse;
import dev.voiceengine.proto.control.v1.PlaceCallRequest;
import dev.voiceengine.proto.control.v1.WatchEventsRequest;
import dev.voiceengine.proto.control.v1.WatchedEvent;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real gRPC over TCP to a control plane on a free port: keys, reads, commands, the event watch, health, reflection. */
class CallControlGrpcTest {
  static final String KEY = "ve_grpc_key";
  static final String ID = "00000000-0000-0000-0000-0000000000a1";

  @TempDir Path dir;
  ControlPlane plane;
  ManagedChannel channel;
  FakeCommands commands = new FakeCommands();

  @BeforeEach
  void start() throws Exception {
    plane = ControlPlane.start(new ControlSettings(dir, null, "127.0.0.1", 0, List.of(KEY)));
    plane.attachCommands(commands);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", plane.httpPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    plane.close();
  }

  CallControlGrpc.CallControlBlockingStub stub(String header, String value) {
    Metadata metadata = new Metadata();
    if (header != null) {
      metadata.put(Metadata.Key.of(header, Metadata.ASCII_STRING_MARSHALLER), value);
    }
    return CallControlGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  CallControlGrpc.CallControlBlockingStub authorized() {
    return stub("authorization", "Bearer " + KEY);
  }

  void feedWholeCall(String id) throws InterruptedException {
    plane.accept(TestEvents.offered(id, T0));
    plane.accept(TestEvents.answered(id, T0.plusSeconds(1), ""));
    plane.accept(TestEvents.agentTurn(id, T0.plusSeconds(2), 0, "Hello", 0, 900, false, "Hello"));
    plane.accept(TestEvents.ended(id, T0.plusSeconds(9), "caller_hangup", 0, "", 0));
    plane.flush();
  }

  @Test
  void withoutAKnownKeyEveryCallIsUnauthenticated() {
    GetCallRequest get = GetCallRequest.newBuilder().setCallId(ID).build();
    for (var stub : List.of(stub(null, null), stub("authorization", "Bearer ve_wrong"),
        stub("x-api-key", "ve_wrong"), stub("authorization", "Basic " + KEY))) {
      assertThatThrownBy(() -> stub.getCall(get)).isInstanceOfSatisfying(StatusRuntimeException.class,
          e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
    assertThatThrownBy(() -> stub("x-api-key", KEY).getCall(get)).isInstanceOfSatisfying(
        StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void getAndListCalls() throws Exception {
    feedWholeCall(ID);
    String second = "00000000-0000-0000-0000-0000000000a2";
    plane.accept(TestEvents.offered(second, T0.plusSeconds(60)));
    plane.flush();

    var call = authorized().getCall(GetCallRequest.newBuilder().setCallId(ID.toUpperCase()).build());
    assertThat(call.getId()).isEqualTo(ID);
    assertThat(call.getStatus()).isEqualTo("completed");
    assertThat(call.getOutcome()).isEqualTo("caller_hangup");
    assertThat(call.getDirection()).isEqualTo("inbound");
    assertThat(call.getStartedAt().getSeconds()).isEqualTo(T0.getEpochSecond());
    assertThat(call.getDurationSeconds()).isEqualTo(8.0);

    ListCallsResponse first = authorized().listCalls(ListCallsRequest.newBuilder().setLimit(1).build());
    assertThat(first.getTotal()).isEqualTo(2);
    assertThat(first.getCallsList()).extracting(c -> c.getId()).containsExactly(second);
    ListCallsResponse next = authorized().listCalls(ListCallsRequest.newBuilder().setLimit(1)
        .setPageToken(first.getNextPageToken()).build());
    assertThat(next.getCallsList()).extracting(c -> c.getId()).containsExactly(ID);
    assertThat(next.getNextPageToken()).isEmpty();
    assertThat(authorized().listCalls(ListCallsRequest.newBuilder().setStatus("ringing").build())
        .getCallsList()).extracting(c -> c.getId()).containsExactly(second);

    for (ListCallsRequest bad : List.of(ListCallsRequest.newBuilder().setDirection("sideways").build(),
        ListCallsRequest.newBuilder().setLimit(1001).build(),
        ListCallsRequest.newBuilder().setPageToken("%%%").build())) {
      assertThatThrownBy(() -> authorized().listCalls(bad)).isInstanceOfSatisfying(StatusRuntimeException.class,
          e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }
  }

  @Test
  void commandsMapTheEnginesRefusals() {
    authorized().endCall(EndCallRequest.newBuilder().setCallId(ID).build());
    assertThat(commands.ended).containsExactly(ID);
    authorized().controlCall(ControlCallRequest.newBuilder().setCallId(ID)
        .setSendDtmf(ControlCallRequest.SendDtmf.newBuilder().setDigits("12#")).build());
    assertThat(commands.controlled).containsExactly(new CallCommand.SendDtmf("12#"));

    commands.refusal = CommandException.Reason.NOT_FOUND;
    assertCode(() -> authorized().endCall(EndCallRequest.newBuilder().setCallId(ID).build()), Status.Code.NOT_FOUND);
    commands.refusal = CommandException.Reason.WRONG_STATE;
    assertCode(() -> authorized().controlCall(ControlCallRequest.newBuilder().setCallId(ID)
        .setTransfer(ControlCallRequest.Transfer.newBuilder().setTarget("+15550003333")).build()),
        Status.Code.FAILED_PRECONDITION);
    commands.refusal = CommandException.Reason.INVALID;
    assertCode(() -> authorized().controlCall(ControlCallRequest.newBuilder().setCallId(ID)
        .setMute(ControlCallRequest.Mute.getDefaultInstance()).build()), Status.Code.INVALID_ARGUMENT);
    assertCode(() -> authorized().controlCall(ControlCallRequest.newBuilder().setCallId(ID).build()),
        Status.Code.INVALID_ARGUMENT);
    assertCode(() -> authorized().placeCall(PlaceCallRequest.newBuilder().setAgentId("demo")
        .setToNumber("5550004444").build()), Status.Code.INVALID_ARGUMENT);
    assertCode(() -> authorized().placeCall(PlaceCallRequest.newBuilder().setAgentId("nobody")
        .setToNumber("+15550004444").build()), Status.Code.INVALID_ARGUMENT);
    var placed = authorized().placeCall(PlaceCallRequest.newBuilder().setAgentId("demo")
        .setToNumber("+15550004444").build());
    assertThat(placed.getToNumber()).isEqualTo("+15550004444");
    assertThat(placed.getStatus()).isIn("queued", "dialing", "failed");
  }

  @Test
  void watchSeesACallFromOfferToEndInOrderAndResumes() throws Exception {
    List<WatchedEvent> seen = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    Metadata metadata = new Metadata();
    metadata.put(GrpcAuth.API_KEY, KEY);
    CallControlGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
        .watchEvents(WatchEventsRequest.newBuilder().setCallId(ID).build(), new StreamObserver<>() {
          @Override
          public void onNext(WatchedEvent value) {
            synchronized (seen) {
              seen.add(value);
            }
          }

          @Override
          public void onError(Throwable t) {
            done.countDown();
          }

          @Override
          public void onCompleted() {
            done.countDown();
          }
        });
    // The watch may start before or after the first events: replay and live together give every event once.
    plane.accept(TestEvents.offered(ID, T0));
    plane.flush();
    plane.accept(TestEvents.answered(ID, T0.plusSeconds(1), ""));
    plane.accept(TestEvents.agentTurn(ID, T0.plusSeconds(2), 0, "Hello", 0, 900, false, "Hello"));
    plane.accept(TestEvents.ended(ID, T0.plusSeconds(9), "caller_hangup", 0, "", 0));
    assertThat(done.await(10, TimeUnit.SECONDS)).as("the stream ends after call.ended").isTrue();
    assertThat(seen).extracting(WatchedEvent::getType)
        .containsExactly("call.offered", "call.answered", "turn.completed", "call.ended");
    assertThat(seen).extracting(WatchedEvent::getEventId).isSorted().doesNotHaveDuplicates();
    assertThat(seen.get(3).getEvent().getEnded().getOutcome()).isEqualTo("caller_hangup");

    long afterAnswer = seen.get(1).getEventId();
    Iterator<WatchedEvent> resumed = stub("x-api-key", KEY).watchEvents(
        WatchEventsRequest.newBuilder().setCallId(ID).setAfterEventId(afterAnswer).build());
    List<String> rest = new ArrayList<>();
    resumed.forEachRemaining(e -> rest.add(e.getType()));
    assertThat(rest).containsExactly("turn.completed", "call.ended");
  }

  @Test
  void healthAndReflectionAnswer() {
    HealthCheckResponse health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("voice.control.v1.CallControl").build());
    assertThat(health.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);

    Metadata metadata = new Metadata();
    metadata.put(GrpcAuth.API_KEY, KEY);
    List<ServerReflectionResponse> answers = new ArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata))
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse value) {
            synchronized (answers) {
              answers.add(value);
            }
            done.countDown();
          }

          @Override
          public void onError(Throwable t) {
            done.countDown();
          }

          @Override
          public void onCompleted() {
            done.countDown();
          }
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    assertThat(awaitQuietly(done)).isTrue();
    requests.onCompleted();
    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).getListServicesResponse().getServiceList())
        .extracting(s -> s.getName()).contains("voice.control.v1.CallControl", "grpc.health.v1.Health");
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void assertCode(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
        e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }

  /** Records commands; refuses them all with {@code refusal} once set. */
  static final class FakeCommands implements CallCommands {
    final List<String> ended = new ArrayList<>();
    final List<CallCommand> controlled = new ArrayList<>();
    volatile CommandException.Reason refusal;

    @Override
    public DialAdmission dial(OutboundDial dial) {
      return new DialAdmission.Refused("not in this test");
    }

    @Override
    public synchronized void end(String callId) throws CommandException {
      refuse();
      ended.add(callId);
    }

    @Override
    public synchronized void control(String callId, CallCommand command) throws CommandException {
      refuse();
      controlled.add(command);
    }

    private void refuse() throws CommandException {
      if (refusal != null) {
        throw new CommandException(refusal, "refused: " + refusal);
      }
    }

    @Override
    public List<AgentSummary> agents() {
      return List.of(new AgentSummary("demo", "Demo", true, null, false));
    }
  }
}
