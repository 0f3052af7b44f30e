package dev.voiceengine.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options the commands that place calls share ({@code call}, {@code batch}): which agent talks, the caller id,
 * and where the running engine's API and key are. A picocli mixin, so both spell them the same way.
 */
final class OutboundOptions {
  @Option(names = "--agent", required = true, paramLabel = "ID", description = "agent that talks")
  String agent;

  @Option(names = "--from", paramLabel = "NUMBER", description = "caller id (default: the trunk's)")
  String from;

  @Option(names = "--api", paramLabel = "URL", description = "the engine's API (default ${DEFAULT-VALUE})")
  String api = "http://127.0.0.1:8080";

  @Option(names = "--key-file", paramLabel = "PATH", description = "API key file (default ${DEFAULT-VALUE})")
  Path keyFile = Path.of("data", "api-key");

  @Option(names = "--poll-ms", hidden = true)
  long pollMillis = 500;

  /** A client of the engine's API with the key from the key file. */
  ApiClient client() throws IOException {
    return ApiClient.of(api, keyFile);
  }

  /** A request body naming the agent and, when given, the caller id. */
  ObjectNode body() {
    ObjectNode body = ApiClient.JSON.createObjectNode().put("agent_id", agent);
    if (from != null) {
      body.put("from_number", from);
    }
    return body;
  }
}
