package dev.voiceengine.control.api;

import dev.voiceengine.control.auth.CallerOrg;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.QueryParams;
import com.linecorp.armeria.server.HttpService;
import dev.voiceengine.control.store.Timestamps;
import dev.voiceengine.control.webhooks.Delivery;
import dev.voiceengine.control.webhooks.DeliveryAttempt;
import dev.voiceengine.control.webhooks.DeliveryQueries;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /v1/webhooks/deliveries?call_id=&state=&limit=}: the newest outbox rows (default 50, at most 500), each
 * with its attempts (time, HTTP status, the start of the response or the error, duration), so an operator sees why a
 * receiver did not get an event. {@code call_id} must be a UUID, {@code state} pending | delivered | failed.
 */
final class WebhookDeliveriesService {
  static final int DEFAULT_LIMIT = 50;
  private static final Set<String> PARAMS = Set.of("call_id", "state", "limit");

  private final DeliveryQueries deliveries;

  WebhookDeliveriesService(DeliveryQueries deliveries) {
    this.deliveries = deliveries;
  }

  HttpService list() {
    return (ctx, req) -> {
      QueryParams q = ctx.queryParams();
      for (String name : q.names()) {
        if (!PARAMS.contains(name)) {
          throw ApiException.invalidParameter(name, "unknown query parameter " + name);
        }
        if (q.getAll(name).size() > 1) {
          throw ApiException.invalidParameter(name, name + " given more than once");
        }
      }
      String callId = q.get("call_id") == null ? null : CallIds.parse(q.get("call_id"), "call_id");
      String state = q.get("state");
      if (state != null && !DeliveryQueries.STATES.contains(state)) {
        throw ApiException.invalidParameter("state", "expected pending, delivered or failed, got \"" + state + "\"");
      }
      int limit = limit(q.get("limit"));
      return Blocking.respond(ctx, () -> Json.ok(page(deliveries.list(CallerOrg.of(ctx), callId, state,
          limit))));
    };
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.strip());
      if (limit >= 1 && limit <= DeliveryQueries.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw ApiException.invalidParameter("limit",
        "expected a whole number from 1 to " + DeliveryQueries.MAX_LIMIT + ", got \"" + text + "\"");
  }

  private static ObjectNode page(List<Delivery> rows) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    ArrayNode data = n.putArray("data");
    for (Delivery d : rows) {
      ObjectNode item = data.addObject();
      item.put("id", d.id());
      item.put("event", d.event());
      item.put("endpoint_id", d.endpointId());
      item.put("call_id", d.callId());
      item.put("batch_id", d.batchId());
      item.put("state", d.state());
      item.put("attempts", d.attempts());
      item.put("created_at", Timestamps.format(d.createdAt()));
      item.put("next_attempt_at", d.state().equals("pending") ? Timestamps.format(d.nextAttemptAt()) : null);
      DeliveryAttempt last = d.attemptLog().isEmpty() ? null : d.attemptLog().get(d.attemptLog().size() - 1);
      item.put("last_status_code", last == null ? null : last.statusCode());
      ArrayNode attempts = item.putArray("attempt_log");
      for (DeliveryAttempt a : d.attemptLog()) {
        ObjectNode at = attempts.addObject();
        at.put("attempted_at", Timestamps.format(a.attemptedAt()));
        at.put("status_code", a.statusCode());
        at.put("response_excerpt", a.responseExcerpt());
        at.put("error", a.error());
        at.put("duration_ms", a.durationMs());
      }
      item.set("body", parse(d.body()));
    }
    return n;
  }

  private static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      return Json.MAPPER.getNodeFactory().textNode(body);
    }
  }
}
