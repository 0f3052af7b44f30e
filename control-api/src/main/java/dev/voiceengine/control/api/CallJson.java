package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.store.CallDetails;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallMedia;
import dev.voiceengine.control.store.CallPage;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.Timestamps;
import java.util.List;
import java.util.Map;

/**
 * The JSON of calls and call lists (snake_case; times ISO-8601 UTC with milliseconds; absent values are null, never
 * omitted, so every call has the same keys). The storage path of a recording is never shown: a call with a recording
 * gets the API path that downloads it. Every call names the path that exports its transcript (an empty one until
 * somebody spoke).
 */
final class CallJson {
  private CallJson() {}

  /** The API path that downloads a call's recording. */
  static String recordingPath(String callId) {
    return "/v1/calls/" + callId + "/recording";
  }

  /** The API path that exports a call's transcript. */
  static String transcriptPath(String callId) {
    return "/v1/calls/" + callId + "/transcript";
  }

  /** A call with its conversation: the call's keys, then transcript, metrics, provider_usage, provider_errors. */
  static ObjectNode details(CallDetails d) {
    ObjectNode n = call(d.call());
    n.set("transcript", ConversationJson.transcript(d.transcript()));
    n.set("metrics", ConversationJson.metrics(d.transcript()));
    n.set("provider_usage", ConversationJson.usage(d.usage()));
    n.set("provider_errors", ConversationJson.errors(d.providerErrors()));
    return n;
  }

  static ObjectNode call(CallRecord c) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("id", c.id());
    n.put("sip_call_id", c.sipCallId());
    n.put("direction", c.direction() == null ? null : c.direction().wire());
    n.put("from_number", c.fromNumber());
    n.put("to_number", c.toNumber());
    n.put("agent_id", c.agentId());
    n.put("trunk_id", c.trunkId());
    n.put("source", c.source());
    n.put("codec", c.codec());
    n.put("status", c.status().wire());
    n.put("outcome", c.outcome());
    n.put("error", c.error());
    n.put("sip_status", c.sipStatus());
    n.put("started_at", Timestamps.format(c.startedAt()));
    n.put("answered_at", Timestamps.format(c.answeredAt()));
    n.put("ended_at", Timestamps.format(c.endedAt()));
    n.put("duration_seconds", finite(c.durationSeconds()));
    n.put("recording_url", c.recording() == null ? null : recordingPath(c.id()));
    n.put("recording_seconds", finite(c.recordingSeconds()));
    n.put("recording_error", c.recordingError());
    n.put("recording_dropped_seconds", finite(c.recordingDroppedSeconds()));
    n.put("transcript_url", transcriptPath(c.id()));
    n.set("media", media(c.media()));
    n.put("created_at", Timestamps.format(c.createdAt()));
    n.put("updated_at", Timestamps.format(c.updatedAt()));
    CallPartsJson.append(n, c);
    return n;
  }

  /** A page of calls; with transcripts (per call id, null when not asked for) each call also gets its transcript. */
  static ObjectNode page(CallPage page, CallFilter filter, Map<String, List<CallTurn>> transcripts) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode data = n.putArray("data");
    for (CallRecord call : page.calls()) {
      ObjectNode item = call(call);
      if (transcripts != null) {
        item.set("transcript", ConversationJson.transcript(transcripts.getOrDefault(call.id(), List.of())));
      }
      data.add(item);
    }
    ObjectNode pagination = n.putObject("pagination");
    pagination.put("total", page.total());
    pagination.put("limit", filter.limit());
    pagination.put("offset", filter.offset());
    pagination.put("has_more", filter.offset() + page.calls().size() < page.total());
    pagination.putNull("next_cursor");
    return n;
  }

  private static ObjectNode media(CallMedia m) {
    if (m == null) {
      return null;
    }
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("packets_in", m.packetsIn());
    n.put("packets_out", m.packetsOut());
    n.put("bytes_in", m.bytesIn());
    n.put("bytes_out", m.bytesOut());
    n.put("packets_lost", m.packetsLost());
    n.put("packets_late", m.packetsLate());
    n.put("packets_duplicate", m.packetsDuplicate());
    n.put("packets_invalid", m.packetsInvalid());
    n.put("jitter_ms", finite(m.jitterMs()));
    n.put("max_jitter_ms", finite(m.maxJitterMs()));
    n.put("dtmf_packets", m.dtmfPackets());
    return n;
  }

  private static Double finite(Double value) {
    return value == null || !Double.isFinite(value) ? null : value;
  }
}
