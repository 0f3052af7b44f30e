package dev.voiceengine.server.it;

import static dev.voiceengine.server.it.OutboundApi.CALLER_ID;
import static dev.voiceengine.server.it.OutboundApi.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.voiceengine.proto.control.v1.Call;
import dev.voiceengine.proto.control.v1.CallControlGrpc;
import dev.voiceengine.proto.control.v1.GetCallRequest;
import dev.voiceengine.proto.control.v1.PlaceCallRequest;
import dev.voiceengine.testsupport.sip.SippUas;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An outbound call placed through the gRPC control service on the engine's API port, to sipp through a trunk. */
class OutboundGrpcCallTest {
  @TempDir Path dir;

  @Test
  void placeCallReachesTheFarEndAndGetCallFollowsItToItsEnd() throws Exception {
    Path work = Files.createDirectories(dir.resolve("uas"));
    try (SippUas uas = SippUas.start(work, "uas_answer_hangup.xml", Map.of(), "udp", Duration.ofSeconds(30));
         EngineFixture e = EngineFixture.start(dir, yaml(uas.port()))) {
      ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", e.engine.ready().httpPort())
          .usePlaintext().build();
      try {
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
            "Bearer " + Files.readString(e.dataDir.resolve("api-key")).trim());
        CallControlGrpc.CallControlBlockingStub stub = CallControlGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        Call placed = stub.withDeadlineAfter(10, TimeUnit.SECONDS).placeCall(PlaceCallRequest.newBuilder()
            .setAgentId("demo").setToNumber("+15550006000").putContext("customer_name", "Ana")
            .putMetadata("crm_id", "c-7").build());
        assertThat(placed.getDirection()).isEqualTo("outbound");
        assertThat(placed.getStatus()).isIn("queued", "dialing");

        assertThat(uas.await()).as("sipp\n%s", uas.output()).isZero();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Call call = placed;
        while (!call.getStatus().equals("completed") && System.nanoTime() < deadline) {
          Thread.sleep(100);
          e.engine.flushEvents();
          call = stub.withDeadlineAfter(10, TimeUnit.SECONDS)
              .getCall(GetCallRequest.newBuilder().setCallId(placed.getId()).build());
        }
        assertThat(call.getStatus()).as("%s", call).isEqualTo("completed");
        assertThat(call.getOutcome()).isEqualTo("caller_hangup");
        assertThat(call.getTrunkId()).isEqualTo("carrier");
        assertThat(call.getFromNumber()).isEqualTo(CALLER_ID);
        assertThat(call.hasAnsweredAt()).isTrue();
        JsonNode rest = e.api.get("/v1/calls/" + placed.getId());
        assertThat(rest.get("context").get("customer_name").asText()).isEqualTo("Ana");
        assertThat(rest.get("metadata").get("crm_id").asText()).isEqualTo("c-7");
        assertThat(OutboundApi.invitesReceived(work)).extracting(OutboundApi.Invite::toUser)
            .containsOnly("+15550006000");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
