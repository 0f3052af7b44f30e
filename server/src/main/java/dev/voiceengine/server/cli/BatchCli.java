package dev.voiceengine.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voice-engine batch FILE.csv --agent demo [--cps N]}: places a batch of calls through a running engine's API
 * (CSV header {@code to_number} and context columns) and prints a progress line until every call has ended.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "Place a batch of calls from a CSV file (to_number plus context columns) and follow it.")
public final class BatchCli implements Callable<Integer> {
  static final Set<String> OVER = Set.of("completed", "canceled");
  static final int BAR = 30;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin OutboundOptions options = new OutboundOptions();

  @Parameters(index = "0", paramLabel = "FILE.csv", description = "recipients: to_number and context columns")
  Path file;

  @Option(names = "--cps", paramLabel = "N", description = "calls per second for this batch")
  Double cps;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<CsvRecipients.Recipient> recipients;
    try {
      recipients = CsvRecipients.parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("voice-engine batch: " + file + ": " + e.getMessage());
      return 2;
    }
    ObjectNode body = options.body();
    if (cps != null) {
      body.put("calls_per_second", cps);
    }
    ArrayNode list = body.putArray("recipients");
    for (CsvRecipients.Recipient r : recipients) {
      ObjectNode item = list.addObject().put("to_number", r.toNumber());
      if (!r.context().isEmpty()) {
        ObjectNode ctx = item.putObject("context");
        r.context().forEach(ctx::put);
      }
    }
    ApiClient client = options.client();
    JsonNode batch;
    try {
      batch = client.post("/v1/calls/batch", body);
    } catch (ApiClient.ApiError e) {
      spec.commandLine().getErr().println("voice-engine batch: " + e.getMessage());
      return 2;
    }
    String id = batch.get("id").asText();
    out.println("batch " + id + ": " + batch.get("total").asInt() + " calls");
    out.flush();
    while (true) {
      out.print("\r" + progress(batch));
      out.flush();
      if (OVER.contains(batch.path("state").asText()) && unfinished(batch) == 0) {
        out.println();
        out.println("batch " + batch.path("state").asText() + " " + batch.path("counts"));
        out.flush();
        return 0;
      }
      Thread.sleep(options.pollMillis);
      batch = client.get("/v1/calls/batch/" + id);
    }
  }

  /** {@code [#########.....] 12/30 ended  running  completed=10 busy=2}. */
  static String progress(JsonNode batch) {
    int total = Math.max(1, batch.path("total").asInt());
    int ended = total - unfinished(batch);
    int filled = ended * BAR / total;
    StringBuilder line = new StringBuilder("[").append("#".repeat(filled)).append(".".repeat(BAR - filled))
        .append("] ").append(ended).append('/').append(total).append(" ended  ").append(batch.path("state").asText());
    batch.path("counts").fields().forEachRemaining(e -> line.append("  ").append(e.getKey()).append('=')
        .append(e.getValue().asInt()));
    return line.toString();
  }

  static int unfinished(JsonNode batch) {
    int n = 0;
    for (String status : List.of("queued", "dialing", "ringing", "in-progress")) {
      n += batch.path("counts").path(status).asInt(0);
    }
    return n;
  }
}
