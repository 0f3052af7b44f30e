package dev.voiceengine.control.commands;

import dev.voiceengine.control.store.CallRecord;
import java.time.Duration;
import java.util.Map;

/**
 * Placing outbound calls as the APIs ask for them ({@code POST /v1/calls}, gRPC PlaceCall): validates the request,
 * creates the call record and queues the dial. Implemented beside the REST endpoint; the gRPC service only calls it.
 */
public interface OutboundCalls {

  /**
   * A call to place; empty strings mean "not given". {@code orgId} is the caller's organization: the agent must be
   * one of its agents and the call belongs to it.
   */
  record PlaceRequest(String agentId, String toNumber, String fromNumber, Map<String, String> context,
      String firstMessage, Map<String, String> metadata, String orgId) {
    public PlaceRequest {
      context = context == null ? Map.of() : Map.copyOf(context);
      metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
      orgId = orgId == null || orgId.isBlank() ? "default" : orgId;
    }

    /** A call for the default organization. */
    public PlaceRequest(String agentId, String toNumber, String fromNumber, Map<String, String> context,
        String firstMessage, Map<String, String> metadata) {
      this(agentId, toNumber, fromNumber, context, firstMessage, metadata, null);
    }
  }

  /** What became of the request. */
  sealed interface Result {}

  /** The call record was created (status queued or ringing); its events follow. */
  record Placed(CallRecord call) implements Result {}

  /** The request cannot be placed as given: {@code field} names the bad value. */
  record Invalid(String field, String message) implements Result {}

  /** A limit is reached; try again after {@code retryAfter}. */
  record Busy(Duration retryAfter, String message) implements Result {}

  /** Places the call (or says why not). Blocking (store writes): call it off event loops. */
  Result place(PlaceRequest request) throws Exception;
}
