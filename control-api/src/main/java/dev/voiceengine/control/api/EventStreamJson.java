package dev.voiceengine.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.voiceengine.control.events.LiveEvent;

/**
 * One call event as a Server-Sent Event (WHATWG HTML, "Server-sent events"): {@code id:} the log id (what a client
 * sends back as {@code Last-Event-ID}), {@code event:} its type, {@code data:} one line of JSON with {@code id},
 * {@code type}, then the event's fields in snake_case ({@code call_id}, {@code occurred_at}, and the kind, e.g.
 * {@code "turn": {...}}), defaults included so every event of a kind has the same keys.
 */
final class EventStreamJson {
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer()
      .preservingProtoFieldNames()
      .alwaysPrintFieldsWithNoPresence()
      .omittingInsignificantWhitespace();

  private EventStreamJson() {}

  /** The event's JSON object. */
  static ObjectNode json(LiveEvent event) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", event.id());
    n.put("type", event.type());
    try {
      n.setAll((ObjectNode) Json.MAPPER.readTree(PRINTER.print(event.event())));
    } catch (InvalidProtocolBufferException | JsonProcessingException e) {
      throw new IllegalStateException("a call event always prints as JSON", e);
    }
    return n;
  }

  /** The whole SSE frame for the event, ending with the blank line. */
  static String frame(LiveEvent event) {
    return "id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + json(event) + "\n\n";
  }

  /** An {@code error} event with the API's error JSON, sent before the server ends a stream early. */
  static String errorFrame(String code, String message) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.putObject("error").put("code", code).put("message", message);
    return "event: error\ndata: " + n + "\n\n";
  }
}
