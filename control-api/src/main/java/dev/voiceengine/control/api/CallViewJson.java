package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.store.CallDetails;
import dev.voiceengine.control.store.CallNote;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.Timestamps;
import java.util.List;

/**
 * A call as a {@link CallView} asks: the light keys or every stored field ({@link CallJson#call}) with the operators'
 * notes, then each include group. A group's keys are always present when it is asked for (empty list or null when
 * the call has none), so clients can rely on the shape.
 */
final class CallViewJson {
  private CallViewJson() {}

  /**
   * The call in this view. {@code details} holds the conversation (needed for the transcript, metrics and
   * diagnostics groups; null when none of them is asked for); {@code notes} the call's notes (for a full view).
   */
  static ObjectNode of(CallRecord call, CallView view, CallDetails details, List<CallNote> notes) {
    ObjectNode n = view.full() ? CallJson.call(call) : light(call);
    if (view.full()) {
      n.set("notes", notes(notes == null ? List.of() : notes));
    }
    if (view.has(CallView.Group.TRANSCRIPT)) {
      n.set("transcript", ConversationJson.transcript(details == null ? List.of() : details.transcript()));
    }
    if (view.has(CallView.Group.METRICS)) {
      n.set("metrics", ConversationJson.metrics(details == null ? List.of() : details.transcript()));
    }
    if (view.has(CallView.Group.DIAGNOSTICS)) {
      n.set("provider_usage", details == null ? null : ConversationJson.usage(details.usage()));
      n.set("provider_errors", ConversationJson.errors(details == null ? List.of() : details.providerErrors()));
    }
    if (view.has(CallView.Group.ANALYSIS)) {
      n.set("analysis", CallJson.analysis(call));
    }
    return n;
  }

  /** Identity, parties (numbers, agent, contact), status, times and outcome: what a table of calls shows. */
  static ObjectNode light(CallRecord c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", c.id());
    n.put("direction", c.direction() == null ? null : c.direction().wire());
    n.put("from_number", c.fromNumber());
    n.put("to_number", c.toNumber());
    n.put("agent_id", c.agentId());
    n.set("contact", CallPartsJson.contact(c.contact()));
    n.put("status", c.status().wire());
    n.put("outcome", c.outcome());
    n.put("started_at", Timestamps.format(c.startedAt()));
    n.put("answered_at", Timestamps.format(c.answeredAt()));
    n.put("ended_at", Timestamps.format(c.endedAt()));
    n.put("duration_seconds", c.durationSeconds() == null || !Double.isFinite(c.durationSeconds())
        ? null : c.durationSeconds());
    return n;
  }

  static ArrayNode notes(List<CallNote> notes) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    notes.forEach(note -> list.add(note(note)));
    return list;
  }

  static ObjectNode note(CallNote note) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", note.id());
    n.put("call_id", note.callId());
    n.put("author", note.author());
    n.put("text", note.text());
    n.put("created_at", Timestamps.format(note.createdAt()));
    return n;
  }
}
