package dev.voiceengine.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.Usage;
import io.grpc.Status;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Decodes the data of a streamed chat completion, chunk by chunk, into {@link GenerateEvent}s: text deltas at once;
 * tool calls, which arrive as fragments keyed by index (id and name first, the arguments string in pieces), whole
 * once the choice finishes; usage last. Not thread-safe: one decoder per stream, fed in order.
 */
final class ChatStreamDecoder {
  static final String WHAT = "chat/completions";

  private final ObjectMapper json;
  private final Consumer<GenerateEvent> sink;
  private final Map<Integer, PendingCall> calls = new TreeMap<>();
  private String model;
  private Usage.Builder usage;
  private boolean finished;
  private boolean done;

  ChatStreamDecoder(ObjectMapper json, String requestedModel, Consumer<GenerateEvent> sink) {
    this.json = json;
    this.model = requestedModel;
    this.sink = sink;
  }

  /** Feeds one event's data. Throws a StatusRuntimeException for an error event or undecodable data. */
  void accept(String data) {
    if (done) {
      return;
    }
    if ("[DONE]".equals(data.strip())) {
      end();
      return;
    }
    JsonNode chunk;
    try {
      chunk = json.readTree(data);
    } catch (JsonProcessingException e) {
      throw Status.INTERNAL.withDescription(WHAT + ": undecodable stream chunk: " + e.getOriginalMessage())
          .asRuntimeException();
    }
    if (chunk == null || !chunk.isObject()) {
      throw Status.INTERNAL.withDescription(WHAT + ": stream chunk is not a JSON object").asRuntimeException();
    }
    if (chunk.hasNonNull("error")) {
      throw OpenAiErrors.fromStreamError(WHAT, chunk.get("error"));
    }
    if (chunk.hasNonNull("model") && !chunk.get("model").asText().isEmpty()) {
      model = chunk.get("model").asText();
    }
    JsonNode choice = chunk.path("choices").path(0);
    if (choice.isObject()) {
      // Streamed chunks carry a delta; a server that ignored stream=true answers with the whole message.
      delta(choice.has("delta") ? choice.path("delta") : choice.path("message"));
      if (choice.hasNonNull("finish_reason")) {
        finished = true;
        emitToolCalls();
      }
    }
    JsonNode u = chunk.get("usage");
    if (u != null && u.isObject()) {
      usage = Usage.newBuilder()
          .setInputTokens(u.path("prompt_tokens").asInt())
          .setOutputTokens(u.path("completion_tokens").asInt());
    }
  }

  /**
   * The body ended. A stream is complete after {@code [DONE]}, or after a finish reason for servers that omit
   * {@code [DONE]}; otherwise it was cut off and this throws UNAVAILABLE.
   */
  void endOfBody() {
    if (done) {
      return;
    }
    if (!finished) {
      throw Status.UNAVAILABLE.withDescription(WHAT + ": the stream ended before it finished (no [DONE])")
          .asRuntimeException();
    }
    end();
  }

  /** True once the stream is complete and every event was emitted. */
  boolean isDone() {
    return done;
  }

  private void delta(JsonNode delta) {
    JsonNode content = delta.get("content");
    if (content != null && content.isTextual() && !content.asText().isEmpty()) {
      sink.accept(GenerateEvent.newBuilder().setTextDelta(content.asText()).build());
    }
    JsonNode fragments = delta.get("tool_calls");
    if (fragments != null && fragments.isArray()) {
      for (int i = 0; i < fragments.size(); i++) {
        JsonNode f = fragments.get(i);
        int index = f.path("index").asInt(i);
        PendingCall call = calls.computeIfAbsent(index, k -> new PendingCall());
        if (f.hasNonNull("id")) {
          call.id = f.get("id").asText();
        }
        JsonNode fn = f.path("function");
        if (fn.hasNonNull("name")) {
          call.name.append(fn.get("name").asText());
        }
        JsonNode args = fn.get("arguments");
        if (args != null && !args.isNull()) {
          // Most servers send a string in pieces; a few send the whole arguments as an object.
          call.arguments.append(args.isTextual() ? args.asText() : args.toString());
        }
      }
    }
  }

  private void emitToolCalls() {
    for (Map.Entry<Integer, PendingCall> e : calls.entrySet()) {
      PendingCall c = e.getValue();
      if (c.name.length() == 0) {
        throw Status.INTERNAL.withDescription(WHAT + ": tool call #" + e.getKey() + " came without a function name")
            .asRuntimeException();
      }
      String args = c.arguments.toString().strip();
      sink.accept(GenerateEvent.newBuilder()
          .setToolCall(ToolCall.newBuilder()
              .setId(c.id == null || c.id.isEmpty() ? "call_" + e.getKey() : c.id)
              .setName(c.name.toString())
              .setArgumentsJson(args.isEmpty() ? "{}" : args))
          .build());
    }
    calls.clear();
  }

  private void end() {
    emitToolCalls();
    if (usage != null) {
      sink.accept(GenerateEvent.newBuilder().setUsage(usage.setModel(model == null ? "" : model)).build());
    }
    done = true;
  }

  private static final class PendingCall {
    String id;
    final StringBuilder name = new StringBuilder();
    final StringBuilder arguments = new StringBuilder();
  }
}
