package dev.voiceengine.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import dev.voiceengine.proto.provider.v1.Message;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.ToolDeclaration;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChatModelTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static GenerateRequest conversation() {
    return GenerateRequest.newBuilder()
        .setAgentId("dentist")
        .setInstructions("You book dental appointments.")
        .addMessages(Message.newBuilder().setRole(Message.Role.USER).setText("I need an appointment"))
        .addMessages(Message.newBuilder().setRole(Message.Role.ASSISTANT)
            .addToolCalls(ToolCall.newBuilder().setId("call_1").setName("find_slot")
                .setArgumentsJson("{\"day\":\"fri\"}")))
        .addMessages(Message.newBuilder().setRole(Message.Role.TOOL).setToolCallId("call_1").setText("10:00 free"))
        .addMessages(Message.newBuilder().setRole(Message.Role.ASSISTANT).setText("Friday at ten?")
            .setInterrupted(true))
        .addMessages(Message.newBuilder().setRole(Message.Role.USER).setText("Yes please"))
        .addTools(ToolDeclaration.newBuilder().setName("end_call").setDescription("Hang up")
            .setParametersJsonSchema("{\"type\":\"object\",\"properties\":{\"reason\":{\"type\":\"string\"}}}"))
        .build();
  }

  static List<GenerateEvent> collect(InProcessGrpc grpc, GenerateRequest request) {
    List<GenerateEvent> events = new ArrayList<>();
    LanguageModelGrpc.newBlockingStub(grpc.channel).generate(request).forEachRemaining(events::add);
    return events;
  }

  @Test
  void streamsTextDeltasThenUsageAndSendsTheConversation() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "text/event-stream");
          out.write(": keep-alive comment\n\n".getBytes());
          for (String piece : new String[] {"Great, ", "see you ", "Friday."}) {
            StandInServer.event(out, "{\"model\":\"llama3.2:1b\",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                + JSON.writeValueAsString(piece) + "},\"finish_reason\":null}]}");
          }
          StandInServer.event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
          StandInServer.event(out, "{\"model\":\"llama3.2:1b\",\"choices\":[],"
              + "\"usage\":{\"prompt_tokens\":57,\"completion_tokens\":6,\"total_tokens\":63}}");
          StandInServer.event(out, "[DONE]");
        });
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiChatModel(OpenAiSettings.of(standIn.baseUrl(), "sk-test", "llama3.2", "")))) {
      List<GenerateEvent> events = collect(grpc, conversation());

      assertThat(events).extracting(GenerateEvent::getTextDelta).containsExactly("Great, ", "see you ", "Friday.", "");
      GenerateEvent last = events.get(events.size() - 1);
      assertThat(last.hasUsage()).isTrue();
      assertThat(last.getUsage().getInputTokens()).isEqualTo(57);
      assertThat(last.getUsage().getOutputTokens()).isEqualTo(6);
      assertThat(last.getUsage().getModel()).isEqualTo("llama3.2:1b");

      StandInServer.Received r = standIn.take();
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.authorization()).isEqualTo("Bearer sk-test");
      assertThat(r.contentType()).isEqualTo("application/json");
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("model").asText()).isEqualTo("llama3.2");
      assertThat(body.path("stream").asBoolean()).isTrue();
      assertThat(body.path("stream_options").path("include_usage").asBoolean()).isTrue();
      JsonNode messages = body.path("messages");
      List<String> roles = new ArrayList<>();
      messages.forEach(m -> roles.add(m.path("role").asText()));
      assertThat(roles).containsExactly("system", "user", "assistant", "tool", "assistant", "user");
      assertThat(messages.get(0).path("content").asText()).isEqualTo("You book dental appointments.");
      JsonNode call = messages.get(2).path("tool_calls").get(0);
      assertThat(messages.get(2).path("content").isNull()).isTrue();
      assertThat(call.path("id").asText()).isEqualTo("call_1");
      assertThat(call.path("type").asText()).isEqualTo("function");
      assertThat(call.path("function").path("name").asText()).isEqualTo("find_slot");
      assertThat(call.path("function").path("arguments").asText()).isEqualTo("{\"day\":\"fri\"}");
      assertThat(messages.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
      assertThat(messages.get(3).path("content").asText()).isEqualTo("10:00 free");
      JsonNode tool = body.path("tools").get(0);
      assertThat(tool.path("type").asText()).isEqualTo("function");
      assertThat(tool.path("function").path("name").asText()).isEqualTo("end_call");
      assertThat(tool.path("function").path("description").asText()).isEqualTo("Hang up");
      assertThat(tool.path("function").path("parameters").path("properties").path("reason").path("type").asText())
          .isEqualTo("string");
    }
  }

  @Test
  void assemblesAToolCallSplitOverSeveralChunks() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "text/event-stream; charset=utf-8");
          StandInServer.event(out, "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"One moment.\"}}]}");
          StandInServer.event(out, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_ab\","
              + "\"type\":\"function\",\"function\":{\"name\":\"transfer\",\"arguments\":\"\"}}]}}]}");
          StandInServer.event(out, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,"
              + "\"function\":{\"arguments\":\"{\\\"to\\\":\"}}]}}]}");
          StandInServer.event(out, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,"
              + "\"function\":{\"arguments\":\"\\\"sales\\\"}\"}}]}}]}");
          StandInServer.event(out, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_cd\","
              + "\"function\":{\"name\":\"end_call\",\"arguments\":\"{}\"}}]}}]}");
          StandInServer.event(out, "{\"choices\":[{\"delta\":{},\"finish_reason\":\"tool_calls\"}]}");
          StandInServer.event(out, "{\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":4}}");
          StandInServer.event(out, "[DONE]");
        });
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiChatModel(OpenAiSettings.of(standIn.baseUrl(), "", "gpt-4o-mini", "")))) {
      List<GenerateEvent> events = collect(grpc, conversation().toBuilder().setModel("gpt-4.1").build());

      assertThat(events).hasSize(4);
      assertThat(events.get(0).getTextDelta()).isEqualTo("One moment.");
      assertThat(events.get(1).getToolCall())
          .isEqualTo(ToolCall.newBuilder().setId("call_ab").setName("transfer").setArgumentsJson("{\"to\":\"sales\"}")
              .build());
      assertThat(events.get(2).getToolCall().getName()).isEqualTo("end_call");
      assertThat(events.get(2).getToolCall().getId()).isEqualTo("call_cd");
      assertThat(events.get(3).getUsage().getModel()).isEqualTo("gpt-4.1");
      StandInServer.Received r = standIn.take();
      assertThat(r.authorization()).isNull();
      assertThat(JSON.readTree(r.body()).path("model").asText()).isEqualTo("gpt-4.1");
    }
  }

  @Test
  void acceptsAServerThatAnswersWithOneJsonDocument() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange ->
            StandInServer.reply(exchange, 200, "application/json", "{\"model\":\"m\",\"choices\":[{\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Hello there\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}"));
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiChatModel(OpenAiSettings.of(standIn.baseUrl(), "", "m", "")))) {
      List<GenerateEvent> events = collect(grpc, conversation());

      assertThat(events).hasSize(2);
      assertThat(events.get(0).getTextDelta()).isEqualTo("Hello there");
      assertThat(events.get(1).getUsage().getOutputTokens()).isEqualTo(2);
    }
  }

  @Test
  void parsesEventsSplitAcrossWritesWithCrlfLineEnds() throws Exception {
    try (StandInServer standIn = new StandInServer("/v1/chat/completions", exchange -> {
          OutputStream out = StandInServer.begin(exchange, 200, "text/event-stream");
          String stream = "data: {\"choices\":[{\"delta\":{\"content\":\"Gr\u00fc\u00df \"}}]}\r\n\r\n"
              + "data: {\"choices\":[{\"delta\":{\"content\":\"Gott\"},\"finish_reason\":\"stop\"}]}\r\n\r\n"
              + "data: [DONE]\r\n\r\n";
          byte[] bytes = stream.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          for (int i = 0; i < bytes.length; i += 7) { // cuts lines and a UTF-8 sequence apart
            out.write(bytes, i, Math.min(7, bytes.length - i));
            out.flush();
          }
        });
        InProcessGrpc grpc = new InProcessGrpc(
            new OpenAiChatModel(OpenAiSettings.of(standIn.baseUrl(), "", "m", "")))) {
      assertThat(collect(grpc, conversation())).extracting(GenerateEvent::getTextDelta)
          .containsExactly("Gr\u00fc\u00df ", "Gott");
    }
  }
}
