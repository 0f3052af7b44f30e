package dev.voiceengine.control.store;

/**
 * How a call ended (fields nullable): outcome (caller_hangup, rejected, ...), a human-readable error, the SIP status
 * of a rejection, media statistics, the finished recording (relative to the data directory) and its length.
 */
public record CallEnd(
    String outcome,
    String error,
    Integer sipStatus,
    CallMedia media,
    String recording,
    Double recordingSeconds) {}
