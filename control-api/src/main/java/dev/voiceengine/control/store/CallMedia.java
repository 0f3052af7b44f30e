package dev.voiceengine.control.store;

/**
 * A call's RTP statistics as the engine measured them when the call ended (jitter per RFC 3550 §6.4.1).
 * Kept apart from the proto type so the store does not change shape when the wire contract grows.
 */
public record CallMedia(
    long packetsIn,
    long packetsOut,
    long bytesIn,
    long bytesOut,
    long packetsLost,
    long packetsLate,
    long packetsDuplicate,
    long packetsInvalid,
    double jitterMs,
    double maxJitterMs,
    long dtmfPackets) {}
