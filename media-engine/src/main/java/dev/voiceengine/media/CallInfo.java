package dev.voiceengine.media;

import dev.voiceengine.proto.control.v1.Direction;

/** Who a call is between, as signalling established it. Carried into the CallOffered event. */
public record CallInfo(
    String callId,
    String sipCallId,
    Direction direction,
    String fromNumber,
    String toNumber,
    String agentId,
    String trunkId,
    String source) {}
