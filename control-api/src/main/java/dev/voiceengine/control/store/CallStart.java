package dev.voiceengine.control.store;

/**
 * What an offered call tells about itself (all fields nullable): the SIP Call-ID, direction, numbers as signalled,
 * the agent and trunk that took it, and the signalling source ("ip:port").
 */
public record CallStart(
    String sipCallId,
    CallDirection direction,
    String fromNumber,
    String toNumber,
    String agentId,
    String trunkId,
    String source) {}
