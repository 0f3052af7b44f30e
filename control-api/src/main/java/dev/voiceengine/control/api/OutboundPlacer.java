package dev.voiceengine.control.api;

import dev.voiceengine.control.commands.AgentSummary;
import dev.voiceengine.control.commands.OutboundCalls;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallRequest;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Places calls for gRPC PlaceCall with the same rules as {@code POST /v1/calls}: E.164 numbers, a known and active
 * agent, room in the dial queue; the call is queued in the store and the dialer woken.
 */
public final class OutboundPlacer implements OutboundCalls {
  private final Outbound outbound;

  public OutboundPlacer(Outbound outbound) {
    this.outbound = outbound;
  }

  @Override
  public Result place(PlaceRequest request) throws Exception {
    if (request.agentId() == null || request.agentId().isBlank()) {
      return new Invalid("agent_id", "agent_id is required");
    }
    if (request.toNumber() == null || !JsonBody.E164.matcher(request.toNumber()).matches()) {
      return new Invalid("to_number", "to_number must be an E.164 number such as +15551234567");
    }
    String from = request.fromNumber() == null || request.fromNumber().isEmpty() ? null : request.fromNumber();
    if (from != null && !JsonBody.E164.matcher(from).matches()) {
      return new Invalid("from_number", "from_number must be an E.164 number such as +15551234567");
    }
    Optional<AgentSummary> agent = outbound.commands().agent(request.agentId())
        .filter(a -> a.orgId().equals(request.orgId()));
    if (agent.isEmpty()) {
      return new Invalid("agent_id", "no agent " + request.agentId());
    }
    if (!agent.get().active()) {
      return new Invalid("agent_id", "agent " + request.agentId() + " is not active");
    }
    if (outbound.store().queuedCount() + 1 > outbound.maxQueued()) {
      return new Busy(Duration.ofSeconds(Long.parseLong(OutboundService.RETRY_AFTER_SECONDS)),
          "the dial queue is full (" + outbound.maxQueued() + " calls); try again later");
    }
    Instant now = Timestamps.clamp(outbound.clock().instant());
    String firstMessage = request.firstMessage() == null || request.firstMessage().isEmpty()
        ? null : request.firstMessage();
    CallRecord call = CallRecord.builder(UUID.randomUUID().toString()).direction(CallDirection.OUTBOUND)
        .agentId(request.agentId()).toNumber(request.toNumber()).fromNumber(from).source("grpc")
        .status(CallStatus.QUEUED).startedAt(now).createdAt(now).updatedAt(now)
        .request(new CallRequest(null, null, firstMessage, request.context(), request.metadata()))
        .build();
    CallRecord queued = outbound.store().queue(call, null, null, request.orgId()).call();
    outbound.wakeDialer().run();
    return new Placed(queued);
  }
}
