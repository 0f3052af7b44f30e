package dev.voiceengine.control.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The JSON of a batch, shared by {@code GET /v1/calls/batch/{id}} and the batch-completed hook. */
public final class BatchJson {
  private BatchJson() {}

  /** The batch as a JSON object with snake_case names. */
  public static ObjectNode of(BatchView b) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", b.id());
    node.put("agent_id", b.agentId());
    node.put("from_number", b.fromNumber());
    node.put("calls_per_second", b.callsPerSecond());
    node.put("state", b.state());
    node.put("total", b.total());
    ObjectNode counts = node.putObject("counts");
    b.counts().forEach(counts::put);
    ArrayNode recipients = node.putArray("recipients");
    for (BatchView.Recipient r : b.recipients()) {
      recipients.addObject().put("index", r.index()).put("to_number", r.toNumber()).put("call_id", r.callId())
          .put("status", r.status());
    }
    node.put("created_at", Timestamps.format(b.createdAt()));
    node.put("completed_at", Timestamps.format(b.completedAt()));
    return node;
  }
}
