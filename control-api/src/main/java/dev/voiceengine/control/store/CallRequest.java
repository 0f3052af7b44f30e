package dev.voiceengine.control.store;

import java.util.Map;

/**
 * What an outbound call was asked to be: its batch or campaign, the agent's opening line for this call, and the
 * caller's values. Kept as asked so a record shows why the call was placed; null on inbound calls.
 *
 * @param context   values for the agent (e.g. customer_name); never null, may be empty
 * @param metadata  the API caller's own values, not interpreted; never null, may be empty
 */
public record CallRequest(
    String batchId, String campaignId, String firstMessage, Map<String, String> context, Map<String, String> metadata) {
  public CallRequest {
    context = context == null ? Map.of() : Map.copyOf(context);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
