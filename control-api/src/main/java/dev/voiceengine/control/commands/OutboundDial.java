package dev.voiceengine.control.commands;

import java.util.Map;

/**
 * One outbound call to place.
 *
 * @param callId        the call record's id (a UUID), used for every event of the call
 * @param agentId       who talks
 * @param toNumber      E.164 number to dial
 * @param fromNumber    E.164 caller id, or null for the trunk's default
 * @param trunkId       trunk to dial through, or null for any trunk with outbound settings
 * @param context       values for the agent (e.g. customer_name), may be empty
 * @param firstMessage  the agent's opening line instead of its configured one, or null
 * @param metadata      the caller's own values, kept on the record; not interpreted
 */
public record OutboundDial(
    String callId,
    String agentId,
    String toNumber,
    String fromNumber,
    String trunkId,
    Map<String, String> context,
    String firstMessage,
    Map<String, String> metadata) {
  public OutboundDial {
    context = context == null ? Map.of() : Map.copyOf(context);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
