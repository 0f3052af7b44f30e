package dev.voiceengine.control.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.store.CallAmd;
import dev.voiceengine.control.store.CallAnalysis;
import dev.voiceengine.control.store.CallContact;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallRequest;
import dev.voiceengine.control.store.CallTransfer;
import dev.voiceengine.control.store.Timestamps;
import java.util.Map;

/**
 * The JSON of a call's later parts (outbound request, far-end progress, voicemail detection, transfer, contact,
 * analysis), appended to the call's keys by {@link CallJson}. Same rules: snake_case, null when unknown, never omitted.
 */
final class CallPartsJson {
  private CallPartsJson() {}

  static void append(ObjectNode n, CallRecord c) {
    CallRequest q = c.request();
    n.put("batch_id", q == null ? null : q.batchId());
    n.put("campaign_id", q == null ? null : q.campaignId());
    n.put("first_message", q == null ? null : q.firstMessage());
    n.set("context", strings(q == null ? Map.of() : q.context()));
    n.set("metadata", strings(q == null ? Map.of() : q.metadata()));
    n.put("ringing_at", Timestamps.format(c.ringingAt()));
    n.put("sip_reason", c.sipReason());
    n.set("amd", amd(c.amd()));
    n.put("went_to_voicemail", c.wentToVoicemail());
    n.set("transfer", transfer(c.transfer()));
    n.set("contact", contact(c.contact()));
    n.set("analysis", analysis(c.analysis()));
  }

  private static ObjectNode strings(Map<String, String> values) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> n.put(e.getKey(), e.getValue()));
    return n;
  }

  private static ObjectNode amd(CallAmd a) {
    if (a == null) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("result", a.result());
    n.put("decision_ms", a.decisionMs());
    n.put("beep_at_ms", a.beepAtMs());
    return n;
  }

  private static ObjectNode transfer(CallTransfer t) {
    if (t == null) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("target", t.target());
    n.put("state", t.state());
    n.put("sip_status", t.sipStatus());
    return n;
  }

  private static ObjectNode contact(CallContact p) {
    if (p == null) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("contact_id", p.id());
    n.put("first_name", p.firstName());
    n.put("last_name", p.lastName());
    n.put("email", p.email());
    return n;
  }

  private static ObjectNode analysis(CallAnalysis a) {
    if (a == null) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("summary", a.summary());
    n.put("sentiment", a.sentiment());
    ArrayNode tags = n.putArray("tags");
    a.tags().forEach(tags::add);
    n.put("call_success", a.callSuccess());
    n.put("ended_reason", a.endedReason());
    n.set("fields", fields(a.customJson()));
    n.put("method", a.method());
    n.put("analyzed_at", Timestamps.format(a.analyzedAt()));
    return n;
  }

  /** The template's fields as stored; a value that is not a JSON object is shown as an empty one, never as text. */
  private static JsonNode fields(String json) {
    if (json == null) {
      return Json.MAPPER.createObjectNode();
    }
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      return node != null && node.isObject() ? node : Json.MAPPER.createObjectNode();
    } catch (JsonProcessingException e) {
      return Json.MAPPER.createObjectNode();
    }
  }
}
