package dev.voiceengine.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import dev.voiceengine.testsupport.net.FreePorts;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiChatModelErrorsTest {
  private static final String DELTA = "{\"choices\":[{\"delta\":{\"content\":\"%s\"}}]}";

  private static InProcessGrpc chat(String baseUrl, String key, String model) throws IOException {
    return new InProcessGrpc(new OpenAiChatModel(OpenAiSettings.of(baseUrl, key, model, "")));
  }

  /** Collects events until the stream fails; the failure must come. */
  private static StatusRuntimeException failure(InProcessGrpc grpc, GenerateRequest request, List<GenerateEvent> got) {
    Iterator<GenerateEvent> it = LanguageModelGrpc.newBlockingStub(grpc.channel).generate(request);
    return catchThrowableOfType(StatusRuntimeException.class, () -> it.forEachRemaining(got::add));
  }

  @Test
  void anErrorEventMidStreamFailsTheCallAfterTheDeltasAlreadySent() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "text/event-stream");
          StandInServer.event(out, DELTA.formatted("Let me "));
          StandInServer.event(out, DELTA.formatted("check"));
          StandInServer.event(out, "{\"error\":{\"message\":\"model crashed\",\"type\":\"server_error\"}}");
        });
        InProcessGrpc grpc = chat(standIn.baseUrl(), "", "m")) {
      List<GenerateEvent> got = new ArrayList<>();
      StatusRuntimeException e = failure(grpc, OpenAiChatModelTest.conversation(), got);

      assertThat(got).extracting(GenerateEvent::getTextDelta).containsExactly("Let me ", "check");
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
      assertThat(e.getStatus().getDescription()).contains("model crashed");
    }
  }

  @Test
  void aStreamCutOffBeforeDoneIsUnavailable() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "text/event-stream");
          StandInServer.event(out, DELTA.formatted("Hel"));
        });
        InProcessGrpc grpc = chat(standIn.baseUrl(), "", "m")) {
      List<GenerateEvent> got = new ArrayList<>();
      StatusRuntimeException e = failure(grpc, OpenAiChatModelTest.conversation(), got);

      assertThat(got).extracting(GenerateEvent::getTextDelta).containsExactly("Hel");
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(e.getStatus().getDescription()).contains("[DONE]");
    }
  }

  @ParameterizedTest
  @CsvSource({
    "400, INVALID_ARGUMENT", "401, UNAUTHENTICATED", "403, PERMISSION_DENIED", "404, NOT_FOUND",
    "429, RESOURCE_EXHAUSTED", "500, UNAVAILABLE", "503, UNAVAILABLE"
  })
  void httpErrorsMapToStatusCodesWithTheServiceMessage(int http, Status.Code expected) throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange ->
            StandInServer.reply(exchange, http, "application/json",
                "{\"error\":{\"message\":\"refused with " + http + "\",\"type\":\"t\",\"code\":null}}"));
        InProcessGrpc grpc = chat(standIn.baseUrl(), "k", "m")) {
      StatusRuntimeException e = failure(grpc, OpenAiChatModelTest.conversation(), new ArrayList<>());

      assertThat(e.getStatus().getCode()).isEqualTo(expected);
      assertThat(e.getStatus().getDescription()).contains("HTTP " + http).contains("refused with " + http);
    }
  }

  @Test
  void anUnreachableServiceIsUnavailable() throws Exception {
    int port = FreePorts.tcp();
    try (InProcessGrpc grpc = new InProcessGrpc(
        new OpenAiChatModel(OpenAiSettings.of("http://127.0.0.1:" + port + "/v1", "", "m", "")))) {
      StatusRuntimeException e = failure(grpc, OpenAiChatModelTest.conversation(), new ArrayList<>());

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(e.getStatus().getDescription()).contains("cannot connect");
    }
  }

  @Test
  void aMalformedRequestIsRejectedWithoutCallingTheService() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange -> { });
        InProcessGrpc grpc = chat(standIn.baseUrl(), "", "")) {
      StatusRuntimeException noModel = failure(grpc, OpenAiChatModelTest.conversation(), new ArrayList<>());
      GenerateRequest badSchema = OpenAiChatModelTest.conversation().toBuilder().setModel("m")
          .setTools(0, OpenAiChatModelTest.conversation().getTools(0).toBuilder().setParametersJsonSchema("{oops"))
          .build();
      StatusRuntimeException schema = failure(grpc, badSchema, new ArrayList<>());

      assertThat(noModel.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(schema.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(schema.getStatus().getDescription()).contains("end_call");
      assertThat(standIn.received).isEmpty();
    }
  }

  @Test
  void cancellingTheCallClosesTheHttpConnection() throws Exception {
    CountDownLatch connectionClosed = new CountDownLatch(1);
    AtomicInteger writtenAfterFirst = new AtomicInteger();
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "text/event-stream");
          StandInServer.event(out, DELTA.formatted("Sure"));
          try {
            // Keep generating, slowly, until the client goes away (bounded: 20 s).
            for (int i = 0; i < 400; i++) {
              Thread.sleep(50);
              StandInServer.event(out, DELTA.formatted(" more"));
              writtenAfterFirst.incrementAndGet();
            }
          } catch (IOException closed) {
            connectionClosed.countDown();
          }
        });
        InProcessGrpc grpc = chat(standIn.baseUrl(), "", "m")) {
      Context.CancellableContext context = Context.current().withCancellation();
      Iterator<GenerateEvent> it = context.call(
          () -> LanguageModelGrpc.newBlockingStub(grpc.channel).generate(OpenAiChatModelTest.conversation()));
      assertThat(it.next().getTextDelta()).isEqualTo("Sure");

      context.cancel(null);

      assertThat(connectionClosed.await(20, TimeUnit.SECONDS))
          .as("the stand-in saw its connection closed (wrote %s more deltas)", writtenAfterFirst.get())
          .isTrue();
    }
  }

  @Test
  void theRequestTimeoutBoundsTheWaitForTheResponseNotTheLengthOfTheStream() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "text/event-stream");
          for (int i = 0; i < 6; i++) { // 1.5 s of generation against a 0.5 s request timeout
            StandInServer.event(out, DELTA.formatted("w" + i));
            Thread.sleep(250);
          }
          StandInServer.event(out, "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}");
          StandInServer.event(out, "[DONE]");
        });
        InProcessGrpc grpc = new InProcessGrpc(new OpenAiChatModel(new OpenAiSettings(
            standIn.baseUrl(), "", "m", "", java.time.Duration.ofMillis(500), null)))) {
      List<GenerateEvent> events = OpenAiChatModelTest.collect(grpc, OpenAiChatModelTest.conversation());

      assertThat(events).extracting(GenerateEvent::getTextDelta).containsExactly("w0", "w1", "w2", "w3", "w4", "w5");
    }
  }

  @Test
  void aServiceThatAnswersTooLateIsDeadlineExceeded() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (StandInServer standIn =
            new StandInServer("/v1/chat/completions", exchange -> release.await(20, TimeUnit.SECONDS));
        InProcessGrpc grpc = new InProcessGrpc(new OpenAiChatModel(new OpenAiSettings(
            standIn.baseUrl(), "", "m", "", java.time.Duration.ofMillis(300), null)))) {
      StatusRuntimeException e = failure(grpc, OpenAiChatModelTest.conversation(), new ArrayList<>());
      release.countDown();

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(e.getStatus().getDescription()).contains("no response in time");
    }
  }
}
