package dev.voiceengine.control.api;

import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.auth.CallerOrg;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpResponseException;
import com.linecorp.armeria.server.HttpService;
import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.store.BatchJson;
import dev.voiceengine.control.store.BatchView;
import dev.voiceengine.control.store.CallContact;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallRequest;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.OutboundStore;
import dev.voiceengine.control.store.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /v1/calls} (one call, with {@code Idempotency-Key}) and {@code POST /v1/calls/batch}: validate the
 * request (400 naming the field), check the agent (404 unknown, 409 inactive) and the queue's room (429 with
 * Retry-After), store the calls queued and wake the dialer. The answer is 202 with the call or batch; the call's
 * progress is then on its record.
 */
final class OutboundService {
  static final Set<String> CALL_FIELDS = Set.of("agent_id", "to_number", "from_number", "context", "first_message",
      "metadata", "trunk_id", "contact");
  static final Set<String> CONTACT_FIELDS = Set.of("id", "first_name", "last_name", "email");
  static final Set<String> BATCH_FIELDS = Set.of("agent_id", "from_number", "calls_per_second", "recipients");
  static final Set<String> RECIPIENT_FIELDS = Set.of("to_number", "context", "metadata");
  /** Most recipients in one batch. */
  static final int MAX_RECIPIENTS = 1_000;
  /** Highest calls_per_second a batch may ask for. */
  static final double MAX_CPS = 100;
  /** Seconds a client is told to wait when the queue is full. */
  static final String RETRY_AFTER_SECONDS = "5";
  static final String IDEMPOTENCY_KEY = "idempotency-key";

  private final Outbound outbound;

  OutboundService(Outbound outbound) {
    this.outbound = outbound;
  }

  /** {@code POST /v1/calls}. */
  WritableResource.Post create() {
    return (ctx, req) -> {
      ObjectNode body = JsonBody.object(req);
      JsonBody.onlyFields(body, "", CALL_FIELDS);
      String agentId = JsonBody.text(body, "", "agent_id", true);
      String to = JsonBody.e164(body, "", "to_number", true);
      String from = JsonBody.e164(body, "", "from_number", false);
      String trunk = JsonBody.text(body, "", "trunk_id", false);
      String firstMessage = JsonBody.text(body, "", "first_message", false);
      Map<String, String> context = JsonBody.strings(body, "", "context");
      Map<String, String> metadata = JsonBody.strings(body, "", "metadata");
      CallContact contact = contact(body);
      String org = CallerOrg.of(ctx);
      String key = scoped(org, idempotencyKey(req.headers().get(IDEMPOTENCY_KEY)));
      String hash = key == null ? null : JsonBody.hash("POST /v1/calls", body);
      return Blocking.respond(ctx, () -> {
        activeAgent(agentId, org);
        room(1);
        Instant now = Timestamps.clamp(outbound.clock().instant());
        CallRecord call = queued(UUID.randomUUID().toString(), agentId, to, from, now)
            .trunkId(trunk)
            .contact(contact)
            .request(new CallRequest(null, null, firstMessage, context, metadata))
            .build();
        OutboundStore.Queued queued;
        try {
          queued = outbound.store().queue(call, key, hash, org);
        } catch (OutboundStore.IdempotencyConflict e) {
          throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "idempotency_conflict", e.getMessage(),
              "Idempotency-Key");
        }
        if (!queued.replayed()) {
          outbound.wakeDialer().run();
        }
        return WritableResource.json(queued.replayed() ? HttpStatus.OK : HttpStatus.ACCEPTED,
            CallJson.call(queued.call()));
      });
    };
  }

  /** {@code POST /v1/calls/batch}. */
  WritableResource.Post createBatch() {
    return (ctx, req) -> {
      ObjectNode body = JsonBody.object(req);
      JsonBody.onlyFields(body, "", BATCH_FIELDS);
      String agentId = JsonBody.text(body, "", "agent_id", true);
      String from = JsonBody.e164(body, "", "from_number", false);
      Double cps = JsonBody.positive(body, "calls_per_second", MAX_CPS);
      JsonNode list = body.get("recipients");
      if (list == null || !list.isArray() || list.isEmpty() || list.size() > MAX_RECIPIENTS) {
        throw JsonBody.invalid("recipients", "recipients must be an array of 1 to " + MAX_RECIPIENTS + " objects");
      }
      String org = CallerOrg.of(ctx);
      String batchId = UUID.randomUUID().toString();
      List<CallRecord.Builder> calls = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String prefix = "recipients[" + i + "].";
        if (!list.get(i).isObject()) {
          throw JsonBody.invalid("recipients[" + i + "]", "recipients[" + i + "] must be an object");
        }
        ObjectNode r = (ObjectNode) list.get(i);
        JsonBody.onlyFields(r, prefix, RECIPIENT_FIELDS);
        String to = JsonBody.e164(r, prefix, "to_number", true);
        calls.add(queued(UUID.randomUUID().toString(), agentId, to, from, null).request(new CallRequest(batchId, null,
            null, JsonBody.strings(r, prefix, "context"), JsonBody.strings(r, prefix, "metadata"))));
      }
      return Blocking.respond(ctx, () -> {
        activeAgent(agentId, org);
        room(calls.size());
        Instant now = Timestamps.clamp(outbound.clock().instant());
        List<CallRecord> records = new ArrayList<>();
        List<BatchView.Recipient> recipients = new ArrayList<>();
        for (CallRecord.Builder b : calls) {
          CallRecord call = b.startedAt(now).createdAt(now).updatedAt(now).build();
          recipients.add(new BatchView.Recipient(records.size(), call.toNumber(), call.id(), call.status().wire()));
          records.add(call);
        }
        BatchView batch = new BatchView(batchId, agentId, from, cps, BatchView.RUNNING, records.size(),
            Map.of(CallStatus.QUEUED.wire(), records.size()), recipients, now, null);
        outbound.store().queueBatch(batch, records, org);
        outbound.wakeDialer().run();
        return WritableResource.json(HttpStatus.ACCEPTED, BatchJson.of(batch));
      });
    };
  }

  /** {@code GET /v1/calls/batch/{id}}. */
  HttpService batch() {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      NoQuery.check(ctx.queryParams());
      return Blocking.respond(ctx, () -> Json.ok(BatchJson.of(outbound.store().batch(id)
          .orElseThrow(() -> ApiException.notFound("no batch with id " + id)))));
    };
  }

  /** {@code POST /v1/calls/batch/{id}/pause|resume|cancel}: 200 with the batch, 409 when it is over. */
  WritableResource.Post batchAction(String action) {
    return (ctx, req) -> {
      String id = CallIds.parse(ctx.pathParam("id"), "id");
      return Blocking.respond(ctx, () -> {
        OutboundStore.BatchChange change = switch (action) {
          case "pause" -> outbound.store().pause(id);
          case "resume" -> outbound.store().resume(id);
          default -> outbound.store().cancel(id);
        };
        if (change.batch() == null) {
          throw ApiException.notFound("no batch with id " + id);
        }
        if (!change.applied()) {
          throw new ApiException(HttpStatus.CONFLICT, "wrong_state",
              "cannot " + action + " a batch that is " + change.batch().state(), null);
        }
        if (action.equals("resume")) {
          outbound.wakeDialer().run();
        }
        return Json.ok(BatchJson.of(change.batch()));
      });
    };
  }

  private static CallRecord.Builder queued(String id, String agentId, String to, String from, Instant now) {
    return CallRecord.builder(id).direction(CallDirection.OUTBOUND).agentId(agentId).toNumber(to).fromNumber(from)
        .source("api").status(CallStatus.QUEUED).startedAt(now).createdAt(now).updatedAt(now);
  }

  /** The agent must be the caller's organization's: another organization's agent is unknown (404) as well. */
  private void activeAgent(String agentId, String org) {
    AgentSummary agent = outbound.commands().agent(agentId).filter(a -> a.orgId().equals(org))
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "agent_not_found", "no agent " + agentId,
            "agent_id"));
    if (!agent.active()) {
      throw new ApiException(HttpStatus.CONFLICT, "agent_inactive", "agent " + agentId + " is not active",
          "agent_id");
    }
  }

  private void room(int calls) throws Exception {
    if (outbound.store().queuedCount() + calls > outbound.maxQueued()) {
      throw HttpResponseException.of(ApiErrors.of(ResponseHeaders.builder(HttpStatus.TOO_MANY_REQUESTS)
              .set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS), "too_many_requests",
          "the dial queue is full (" + outbound.maxQueued() + " calls); try again later", null).toHttpResponse());
    }
  }

  private static CallContact contact(ObjectNode body) {
    JsonNode node = body.get("contact");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw JsonBody.invalid("contact", "contact must be an object");
    }
    ObjectNode c = (ObjectNode) node;
    JsonBody.onlyFields(c, "contact.", CONTACT_FIELDS);
    return new CallContact(JsonBody.text(c, "contact.", "id", false), JsonBody.text(c, "contact.", "first_name",
        false), JsonBody.text(c, "contact.", "last_name", false), JsonBody.text(c, "contact.", "email", false));
  }

  /**
   * The idempotency key as stored: the default organization's as sent (as before organizations), another's as a
   * hash of organization and key, so the same key sent by two organizations never names the other's call.
   */
  static String scoped(String org, String key) {
    if (key == null || org.equals(ApiKeyVerifier.DEFAULT_ORG)) {
      return key;
    }
    return "org:" + ApiKeys.hashHex(org + "\n" + key);
  }

  private static String idempotencyKey(String key) {
    if (key == null) {
      return null;
    }
    if (key.isBlank() || key.length() > 255) {
      throw JsonBody.invalid("Idempotency-Key", "Idempotency-Key must hold 1 to 255 characters");
    }
    return key;
  }
}
