package dev.voiceengine.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.Message;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.ToolDeclaration;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Maps a {@link GenerateRequest} to the body of an OpenAI chat-completions request: instructions become the system
 * message, tool declarations become function tools, assistant tool calls and tool results keep their ids so the
 * model can pair them. The request streams and asks for usage in the last chunk.
 */
final class ChatRequestJson {
  private final ObjectMapper json;

  ChatRequestJson(ObjectMapper json) {
    this.json = json;
  }

  /** The model the request names, else the default; FAILED_PRECONDITION when neither names one. */
  static String model(GenerateRequest request, String defaultModel) {
    String model = request.getModel().isBlank() ? defaultModel : request.getModel().strip();
    if (model.isEmpty()) {
      throw Status.FAILED_PRECONDITION
          .withDescription("no model: the request names none and the provider has no default model configured")
          .asRuntimeException();
    }
    return model;
  }

  ObjectNode build(GenerateRequest request, String model) {
    ObjectNode body = json.createObjectNode();
    body.put("model", model);
    ArrayNode messages = body.putArray("messages");
    if (!request.getInstructions().isBlank()) {
      messages.addObject().put("role", "system").put("content", request.getInstructions());
    }
    for (int i = 0; i < request.getMessagesCount(); i++) {
      messages.add(message(request.getMessages(i), i));
    }
    if (messages.isEmpty()) {
      throw invalid("the request has neither instructions nor messages");
    }
    if (request.getToolsCount() > 0) {
      ArrayNode tools = body.putArray("tools");
      for (ToolDeclaration tool : request.getToolsList()) {
        tools.add(tool(tool));
      }
    }
    body.put("stream", true);
    body.putObject("stream_options").put("include_usage", true);
    return body;
  }

  private ObjectNode message(Message m, int index) {
    ObjectNode node = json.createObjectNode();
    switch (m.getRole()) {
      case SYSTEM -> node.put("role", "system").put("content", m.getText());
      case USER -> node.put("role", "user").put("content", m.getText());
      case ASSISTANT -> {
        node.put("role", "assistant");
        if (m.getText().isEmpty() && m.getToolCallsCount() > 0) {
          node.putNull("content");
        } else {
          node.put("content", m.getText());
        }
        if (m.getToolCallsCount() > 0) {
          ArrayNode calls = node.putArray("tool_calls");
          for (ToolCall call : m.getToolCallsList()) {
            ObjectNode c = calls.addObject();
            c.put("id", call.getId());
            c.put("type", "function");
            c.putObject("function")
                .put("name", call.getName())
                .put("arguments", call.getArgumentsJson().isBlank() ? "{}" : call.getArgumentsJson());
          }
        }
      }
      case TOOL -> {
        if (m.getToolCallId().isBlank()) {
          throw invalid("message " + index + " has role TOOL but no tool_call_id");
        }
        node.put("role", "tool").put("tool_call_id", m.getToolCallId()).put("content", m.getText());
      }
      default -> throw invalid("message " + index + " has no role (" + m.getRole() + ")");
    }
    return node;
  }

  private ObjectNode tool(ToolDeclaration tool) {
    if (tool.getName().isBlank()) {
      throw invalid("a tool declaration has no name");
    }
    ObjectNode t = json.createObjectNode();
    t.put("type", "function");
    ObjectNode f = t.putObject("function");
    f.put("name", tool.getName());
    if (!tool.getDescription().isEmpty()) {
      f.put("description", tool.getDescription());
    }
    f.set("parameters", parameters(tool));
    return t;
  }

  private JsonNode parameters(ToolDeclaration tool) {
    String schema = tool.getParametersJsonSchema();
    if (schema.isBlank()) {
      ObjectNode empty = json.createObjectNode();
      empty.put("type", "object");
      empty.putObject("properties");
      return empty;
    }
    try {
      JsonNode node = json.readTree(schema);
      if (node == null || !node.isObject()) {
        throw invalid("tool '" + tool.getName() + "': parameters_json_schema is not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw invalid("tool '" + tool.getName() + "': parameters_json_schema is not valid JSON: "
          + e.getOriginalMessage());
    }
  }

  private static StatusRuntimeException invalid(String what) {
    return Status.INVALID_ARGUMENT.withDescription(what).asRuntimeException();
  }
}
