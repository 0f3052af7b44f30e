package dev.voiceengine.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.voiceengine.control.analysis.AgentAnalysis;
import dev.voiceengine.control.analysis.AnalysisField;
import dev.voiceengine.control.analysis.AnalysisInput;
import dev.voiceengine.control.analysis.CallAnalysisResult;
import dev.voiceengine.control.analysis.FieldType;
import dev.voiceengine.control.analysis.HeuristicAnalyzer;
import dev.voiceengine.control.analysis.ModelAnalyzer;
import dev.voiceengine.control.analysis.SuccessRule;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.TurnRole;
import dev.voiceengine.conversation.provider.grpc.GrpcLanguageModel;
import dev.voiceengine.conversation.provider.grpc.ProviderDeadlines;
import dev.voiceengine.providers.openai.OpenAiChatModel;
import dev.voiceengine.providers.openai.OpenAiSettings;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Post-call analysis through the whole model path: the analyzer asks the engine's language-model provider (gRPC),
 * whose OpenAI-compatible adapter asks a local stand-in server (127.0.0.1, free port) that streams the answer.
 */
class ModelAnalysisStandInTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final AgentAnalysis AGENT = new AgentAnalysis(List.of(
      AnalysisField.of("appointment_day", FieldType.ENUM, List.of("monday", "friday"), "the day booked"),
      AnalysisField.of("party_size", FieldType.NUMBER, List.of(), "how many people")),
      Map.of(), SuccessRule.DEFAULT, "llama3.2");
  static final AnalysisInput CALL = new AnalysisInput(
      CallRecord.builder("c1").agentId("demo").status(CallStatus.COMPLETED).outcome("caller_hangup").startedAt(T0)
          .answeredAt(T0.plusSeconds(1)).build(),
      List.of(new CallTurn(0, TurnRole.AGENT, "Hello, how can I help?", 0, 1_000, false, null, null),
          new CallTurn(1, TurnRole.CALLER, "A table for four on Friday please", 2_000, 4_000, false, null, null),
          new CallTurn(2, TurnRole.AGENT, "You are booked.", 5_000, 6_000, false, null, null)));

  final AtomicReference<String> answer = new AtomicReference<>();
  final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
  HttpServer standIn;
  Server grpc;
  ManagedChannel channel;
  ScheduledExecutorService scheduler;
  ModelAnalyzer analyzer;

  @BeforeEach
  void setUp() throws Exception {
    standIn = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    standIn.createContext("/v1/chat/completions", exchange -> {
      try (exchange) {
        requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        String text = answer.get();
        for (int i = 0; i < text.length(); i += 16) { // streamed in pieces, as a model does
          String piece = text.substring(i, Math.min(text.length(), i + 16));
          event(out, "{\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(piece) + "}}]}");
        }
        event(out, "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        event(out, "[DONE]");
      }
    });
    standIn.start();
    String base = "http://127.0.0.1:" + standIn.getAddress().getPort() + "/v1";
    String name = InProcessServerBuilder.generateName();
    grpc = InProcessServerBuilder.forName(name)
        .addService(new OpenAiChatModel(OpenAiSettings.of(base, "sk-test", "llama3.2", ""))).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
    scheduler = Executors.newSingleThreadScheduledExecutor();
    ProviderAnalysisModel model = new ProviderAnalysisModel();
    model.attach(new GrpcLanguageModel(channel, ProviderDeadlines.DEFAULTS, scheduler));
    analyzer = new ModelAnalyzer(model, new HeuristicAnalyzer());
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    grpc.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    standIn.stop(0);
    scheduler.shutdownNow();
  }

  private static void event(OutputStream out, String data) throws java.io.IOException {
    out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  @Test
  void theModelsValidJsonIsStoredUnderItsName() throws Exception {
    answer.set("{\"summary\": \"The caller booked a table for four on Friday.\", \"sentiment\": \"positive\","
        + " \"tags\": [\"booking\"], \"call_success\": true,"
        + " \"fields\": {\"appointment_day\": \"friday\", \"party_size\": 4}}");

    CallAnalysisResult result = analyzer.analyze(CALL, AGENT);

    assertThat(result.method()).isEqualTo("llama3.2");
    assertThat(result.modelError()).isNull();
    assertThat(result.summary()).isEqualTo("The caller booked a table for four on Friday.");
    assertThat(result.tags()).containsExactly("booking");
    assertThat(result.fields()).containsEntry("appointment_day", "friday").containsEntry("party_size", 4L);
    assertThat(result.endedReason()).isEqualTo("caller_hangup");
    String request = requests.poll(10, TimeUnit.SECONDS);
    assertThat(request).contains("A table for four on Friday please", "appointment_day (enum, one of monday,"
        + " friday)", "\"model\":\"llama3.2\"");
  }

  @Test
  void invalidJsonFromTheModelFallsBackToTheHeuristic() {
    answer.set("Sure! The caller seemed happy and booked a table.");

    CallAnalysisResult result = analyzer.analyze(CALL, AGENT);

    assertThat(result.method()).isEqualTo("heuristic");
    assertThat(result.modelError()).isEqualTo("llama3.2: invalid answer: the answer holds no JSON object");
    assertThat(result.fields()).containsEntry("appointment_day", "friday").containsEntry("party_size", 4L);
    assertThat(result.summary()).startsWith("Caller: \"A table for four on Friday please\"");
  }
}
