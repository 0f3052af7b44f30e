package dev.voiceengine.providers.scripted;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.voiceengine.proto.provider.v1.GenerateEvent;
import dev.voiceengine.proto.provider.v1.GenerateRequest;
import dev.voiceengine.proto.provider.v1.LanguageModelGrpc;
import dev.voiceengine.proto.provider.v1.Message;
import dev.voiceengine.proto.provider.v1.ToolCall;
import dev.voiceengine.proto.provider.v1.ToolDeclaration;
import dev.voiceengine.proto.provider.v1.Usage;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The offline language model: answers {@code LanguageModel.Generate} from the agent's script, found by {@code
 * agent_id}. Stateless across requests (the dialogue state is replayed from the request's messages), so one instance
 * serves every call. The reply streams as a few text deltas, then the tool call if the intent has one (and the request
 * declares that tool, or declares none), then usage.
 *
 * <p>Errors: no agent_id is INVALID_ARGUMENT; an agent without a script is FAILED_PRECONDITION.
 */
public final class ScriptedLanguageModel extends LanguageModelGrpc.LanguageModelImplBase {
  /** The model name reported in usage. */
  public static final String MODEL = "scripted";
  /** Words per text delta: short enough for speech to start early, long enough to read as phrases. */
  static final int WORDS_PER_DELTA = 4;

  private final Map<String, ScriptedAgent> agents = new LinkedHashMap<>();

  /** @param byAgentId each agent's script, by the agent's id in the engine's configuration */
  public ScriptedLanguageModel(Map<String, AgentScript> byAgentId) {
    byAgentId.forEach((id, script) -> {
      if (id == null || id.isBlank()) {
        throw new IllegalArgumentException("agent id: missing (a script needs the id of its agent)");
      }
      if (script == null) {
        throw new IllegalArgumentException("agent '" + id + "': script missing");
      }
      agents.put(id, new ScriptedAgent(script));
    });
  }

  @Override
  public void generate(GenerateRequest request, StreamObserver<GenerateEvent> responseObserver) {
    ServerCallStreamObserver<GenerateEvent> out = (ServerCallStreamObserver<GenerateEvent>) responseObserver;
    out.setOnCancelHandler(() -> {});
    if (request.getAgentId().isEmpty()) {
      out.onError(Status.INVALID_ARGUMENT.withDescription("agent_id is empty").asRuntimeException());
      return;
    }
    ScriptedAgent agent = agents.get(request.getAgentId());
    if (agent == null) {
      out.onError(Status.FAILED_PRECONDITION.withDescription("no script for agent_id '" + request.getAgentId()
          + "' (scripted agents: " + String.join(", ", agents.keySet()) + ")").asRuntimeException());
      return;
    }
    Reply reply;
    try {
      reply = agent.respond(callerTurns(request.getMessagesList()));
    } catch (RuntimeException e) {
      out.onError(Status.INTERNAL.withDescription("scripted agent '" + request.getAgentId() + "' failed: " + e)
          .withCause(e).asRuntimeException());
      return;
    }
    List<GenerateEvent> events = new ArrayList<>();
    for (String delta : deltas(reply.text())) {
      events.add(GenerateEvent.newBuilder().setTextDelta(delta).build());
    }
    if (reply.tool() != null && declared(request, reply.tool())) {
      events.add(GenerateEvent.newBuilder().setToolCall(toolCall(reply)).build());
    }
    events.add(GenerateEvent.newBuilder().setUsage(Usage.newBuilder()
        .setInputTokens(inputWords(request)).setOutputTokens(words(reply.text())).setModel(MODEL)).build());
    for (GenerateEvent event : events) {
      if (cancelled(out)) {
        return;
      }
      out.onNext(event);
    }
    if (!cancelled(out)) {
      out.onCompleted();
    }
  }

  /** The caller's turns of a conversation, oldest first. */
  static List<String> callerTurns(List<Message> messages) {
    return messages.stream().filter(m -> m.getRole() == Message.Role.USER).map(Message::getText).toList();
  }

  /** The reply in groups of {@link #WORDS_PER_DELTA} words; the groups joined give the reply back exactly. */
  static List<String> deltas(String text) {
    List<String> out = new ArrayList<>();
    String[] words = text.split(" ");
    StringBuilder group = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      group.append(words[i]);
      boolean last = i == words.length - 1;
      if (!last) {
        group.append(' ');
      }
      if (last || (i + 1) % WORDS_PER_DELTA == 0) {
        out.add(group.toString());
        group.setLength(0);
      }
    }
    return out;
  }

  static ToolCall toolCall(Reply reply) {
    String args = Intent.TRANSFER.equals(reply.tool())
        ? "{\"target\":" + jsonString(reply.transferTo()) + "}"
        : "{}";
    return ToolCall.newBuilder().setId("call_" + reply.turn() + "_" + reply.tool()).setName(reply.tool())
        .setArgumentsJson(args).build();
  }

  private static boolean declared(GenerateRequest request, String tool) {
    return request.getToolsCount() == 0
        || request.getToolsList().stream().map(ToolDeclaration::getName).anyMatch(tool::equals);
  }

  private static boolean cancelled(ServerCallStreamObserver<?> out) {
    return out.isCancelled() || Context.current().isCancelled();
  }

  private static int inputWords(GenerateRequest request) {
    int n = words(request.getInstructions());
    for (Message m : request.getMessagesList()) {
      n += words(m.getText());
    }
    return n;
  }

  private static int words(String text) {
    String t = text.trim();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  /** A JSON string literal (RFC 8259 section 7). */
  static String jsonString(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
