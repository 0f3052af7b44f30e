package dev.voiceengine.server.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the outbound end-to-end tests share: an engine configuration with one outbound trunk to sipp, waits on a
 * call's or batch's record through the API, and the INVITEs sipp received, read from its {@code -trace_msg} log.
 */
final class OutboundApi {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CALLER_ID = "+15559876543";
  private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i):\\s*(\\S+)\\s*$");
  private static final Pattern TO_USER = Pattern.compile("(?im)^(?:To|t):[^\\r\\n]*?sip:([^@;>\\s]+)");

  private OutboundApi() {}

  /** A local trunk for inbound calls and an outbound one to sipp on {@code port}, with room for a batch. */
  static String yaml(int port) {
    return yaml(port, 50, 10);
  }

  /** As above, with the trunk's concurrent-call limit and ring timeout. */
  static String yaml(int port, int maxConcurrent, int ringTimeoutSeconds) {
    return """
        trunks:
          - id: local
          - id: carrier
            outbound: {host: 127.0.0.1, port: %d, caller_ids: ["%s"], ring_timeout_seconds: %d,
                       max_concurrent: %d, calls_per_second: 50}
        """.formatted(port, CALLER_ID, ringTimeoutSeconds, maxConcurrent);
  }

  static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Polls GET /v1/calls/{id} until {@code done} holds, or fails after {@code timeout}. */
  static JsonNode awaitCall(EngineFixture e, String id, Duration timeout, Predicate<JsonNode> done)
      throws Exception {
    return await(e, "/v1/calls/" + id, timeout, done);
  }

  /** Polls GET {@code path} until {@code done} holds for its body, or fails after {@code timeout}. */
  static JsonNode await(EngineFixture e, String path, Duration timeout, Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      e.engine.flushEvents();
      last = e.api.get(path);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(path + " never reached the expected state; last: " + last);
  }

  /** Whether a call's record says it is over. */
  static boolean ended(JsonNode call) {
    return !call.get("ended_at").isNull();
  }

  /** One INVITE sipp received: its Call-ID and the number it was addressed to. */
  record Invite(String callId, String toUser) {}

  /** The INVITEs (retransmissions included) in the message logs sipp wrote in {@code workDir}. */
  static List<Invite> invitesReceived(Path workDir) throws IOException {
    List<Invite> out = new ArrayList<>();
    List<Path> logs;
    try (var files = Files.list(workDir)) {
      logs = files.filter(f -> f.getFileName().toString().endsWith("_messages.log")).sorted().toList();
    }
    for (Path log : logs) {
      String[] parts = Files.readString(log, StandardCharsets.ISO_8859_1).split("message received \\[\\d+\\] bytes :");
      for (int i = 1; i < parts.length; i++) {
        String message = parts[i].stripLeading();
        if (!message.startsWith("INVITE ")) {
          continue;
        }
        Matcher id = CALL_ID.matcher(message);
        Matcher to = TO_USER.matcher(message);
        out.add(new Invite(id.find() ? id.group(1) : null, to.find() ? to.group(1) : null));
      }
    }
    return out;
  }
}
