package dev.voiceengine.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voice-engine call +15551234567 --agent demo}: places an outbound call through a running engine's API, prints
 * its id, and follows its status until it is over. Exit 0 when the call completed (was answered), 1 otherwise.
 */
@Command(name = "call", mixinStandardHelpOptions = true,
    description = "Place an outbound call through a running engine and follow it until it ends.")
public final class CallCli implements Callable<Integer> {
  /** Statuses of a call that is over. */
  static final Set<String> FINAL = Set.of("completed", "failed", "busy", "no-answer", "canceled");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin OutboundOptions options = new OutboundOptions();

  @Parameters(index = "0", paramLabel = "NUMBER", description = "E.164 number to call, e.g. +15551234567")
  String to;

  @Option(names = "--context", paramLabel = "KEY=VALUE", description = "a value for the agent; repeatable")
  Map<String, String> context = new LinkedHashMap<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ApiClient client = options.client();
    ObjectNode body = options.body().put("to_number", to);
    if (!context.isEmpty()) {
      ObjectNode ctx = body.putObject("context");
      context.forEach(ctx::put);
    }
    JsonNode call;
    try {
      call = client.post("/v1/calls", body);
    } catch (ApiClient.ApiError e) {
      spec.commandLine().getErr().println("voice-engine call: " + e.getMessage());
      return 2;
    }
    String id = call.get("id").asText();
    out.println(id);
    out.flush();
    String shown = null;
    while (true) {
      String status = call.path("status").asText();
      if (!status.equals(shown)) {
        out.println("status " + status);
        out.flush();
        shown = status;
      }
      if (FINAL.contains(status)) {
        String outcome = call.path("outcome").asText("");
        String error = call.path("error").asText("");
        out.println("ended " + status + (outcome.isEmpty() ? "" : " outcome " + outcome)
            + (error.isEmpty() ? "" : " (" + error + ")"));
        out.flush();
        return status.equals("completed") ? 0 : 1;
      }
      Thread.sleep(Duration.ofMillis(options.pollMillis).toMillis());
      call = client.get("/v1/calls/" + id);
    }
  }
}
