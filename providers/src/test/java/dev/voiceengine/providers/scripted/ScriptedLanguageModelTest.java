package dev.voiceengine.providers.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import dev.voiceengine.proto.provider.v1.Message;
import dev.voiceengine.proto.provider.v1.ToolDeclaration;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scripted model behind the real gRPC machinery, in process. */
class ScriptedLanguageModelTest {
  private Server server;
  private ManagedChannel channel;
  private LanguageModelGrpc.LanguageModelBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name)
        .addService(new ScriptedLanguageModel(Map.of("reception", AgentScript.reception()))).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    stub = LanguageModelGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static Message user(String text) {
    return Message.newBuilder().setRole(Message.Role.USER).setText(text).build();
  }

  private static Message agent(String text) {
    return Message.newBuilder().setRole(Message.Role.ASSISTANT).setText(text).build();
  }

  private List<GenerateEvent> generate(GenerateRequest.Builder request) {
    List<GenerateEvent> events = new ArrayList<>();
    stub.generate(request.build()).forEachRemaining(events::add);
    return events;
  }

  private static String text(List<GenerateEvent> events) {
    return events.stream().filter(GenerateEvent::hasTextDelta).map(GenerateEvent::getTextDelta)
        .collect(Collectors.joining());
  }

  @Test
  void firstMessageWhenTheCallerHasNotSpoken() {
    List<GenerateEvent> events = generate(GenerateRequest.newBuilder().setAgentId("reception"));
    assertThat(text(events)).isEqualTo("Thanks for calling Acme Dental. How can I help?");
  }

  @Test
  void booksFridayStreamingSeveralDeltasAndUsageLast() {
    List<GenerateEvent> events = generate(GenerateRequest.newBuilder().setAgentId("reception")
        .setInstructions("You are a receptionist.")
        .addMessages(agent("Thanks for calling Acme Dental. How can I help?"))
        .addMessages(user("I would like to book an appointment for Friday")));
    assertThat(events.stream().filter(GenerateEvent::hasTextDelta).count()).isGreaterThan(2);
    assertThat(text(events)).contains("booked", "Friday")
        .isEqualTo("Great, I've booked you in for Friday at ten o'clock. Is there anything else I can help with?");
    assertThat(events).noneMatch(GenerateEvent::hasToolCall);
    GenerateEvent last = events.get(events.size() - 1);
    assertThat(last.hasUsage()).isTrue();
    assertThat(events.stream().filter(GenerateEvent::hasUsage).count()).isEqualTo(1);
    assertThat(last.getUsage().getModel()).isEqualTo("scripted");
    assertThat(last.getUsage().getOutputTokens()).isEqualTo(18);
    assertThat(last.getUsage().getInputTokens()).isEqualTo(4 + 9 + 9);
  }

  @Test
  void stateComesFromTheConversation() {
    List<GenerateEvent> events = generate(GenerateRequest.newBuilder().setAgentId("reception")
        .addMessages(agent("Thanks for calling Acme Dental. How can I help?"))
        .addMessages(user("I'd like to make an appointment"))
        .addMessages(agent("Which day would suit you?"))
        .addMessages(user("tuesday at 3 pm")));
    assertThat(text(events)).contains("booked you in for Tuesday at three o'clock in the afternoon");
  }

  @Test
  void goodbyeEndsTheCall() {
    List<GenerateEvent> events = generate(GenerateRequest.newBuilder().setAgentId("reception")
        .addTools(ToolDeclaration.newBuilder().setName("end_call"))
        .addTools(ToolDeclaration.newBuilder().setName("transfer"))
        .addMessages(user("I would like to book an appointment for Friday"))
        .addMessages(agent("Great, I've booked you in for Friday at ten o'clock. Is there anything else?"))
        .addMessages(user("no thanks, goodbye")));
    assertThat(text(events)).isEqualTo("Thanks for calling Acme Dental. Goodbye!");
    List<GenerateEvent> tools = events.stream().filter(GenerateEvent::hasToolCall).toList();
    assertThat(tools).hasSize(1);
    assertThat(tools.get(0).getToolCall().getName()).isEqualTo("end_call");
    assertThat(tools.get(0).getToolCall().getArgumentsJson()).isEqualTo("{}");
    assertThat(tools.get(0).getToolCall().getId()).isEqualTo("call_2_end_call");
    assertThat(events.indexOf(tools.get(0))).isEqualTo(events.size() - 2);
  }

  @Test
  void transferCarriesItsTarget() {
    List<GenerateEvent> events = generate(GenerateRequest.newBuilder().setAgentId("reception")
        .addMessages(user("can I talk to a person")));
    GenerateEvent call = events.stream().filter(GenerateEvent::hasToolCall).findFirst().orElseThrow();
    assertThat(call.getToolCall().getName()).isEqualTo("transfer");
    assertThat(call.getToolCall().getArgumentsJson()).isEqualTo("{\"target\":\"front-desk\"}");
  }

  @Test
  void aToolTheRequestDoesNotDeclareIsNotCalled() {
    List<GenerateEvent> events = generate(GenerateRequest.newBuilder().setAgentId("reception")
        .addTools(ToolDeclaration.newBuilder().setName("end_call"))
        .addMessages(user("can I talk to a person")));
    assertThat(text(events)).contains("put you through");
    assertThat(events).noneMatch(GenerateEvent::hasToolCall);
  }

  @Test
  void unknownAgentIsFailedPreconditionNamingIt() {
    assertThatThrownBy(() -> generate(GenerateRequest.newBuilder().setAgentId("sales").addMessages(user("hi"))))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(e.getStatus().getDescription()).contains("'sales'", "reception");
        });
  }

  @Test
  void missingAgentIdIsInvalidArgument() {
    assertThatThrownBy(() -> generate(GenerateRequest.newBuilder().addMessages(user("hi"))))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
  }

  @Test
  void deltasJoinBackToTheReply() {
    String reply = "Great, I've booked you in for Friday at ten o'clock. Is there anything else?";
    List<String> deltas = ScriptedLanguageModel.deltas(reply);
    assertThat(deltas).hasSize(4);
    assertThat(String.join("", deltas)).isEqualTo(reply);
    assertThat(ScriptedLanguageModel.deltas("Bye!")).containsExactly("Bye!");
  }

  @Test
  void jsonArgumentsAreEscaped() {
    assertThat(ScriptedLanguageModel.jsonString("a \"b\"\\c")).isEqualTo("\"a \\\"b\\\"\\\\c\"");
  }
}
