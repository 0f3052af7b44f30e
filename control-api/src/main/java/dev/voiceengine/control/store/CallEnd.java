package dev.voiceengine.control.store;

/**
 * How a call ended (fields nullable): outcome (caller_hangup, rejected, ...), a human-readable error, the SIP status
 * of a rejection, media statistics, the finished recording (relative to the data directory), its length, what went
 * wrong with it, the seconds of audio missing from it, and what the call used of its providers.
 */
public record CallEnd(
    String outcome,
    String error,
    Integer sipStatus,
    CallMedia media,
    String recording,
    Double recordingSeconds,
    String recordingError,
    Double recordingDroppedSeconds,
    CallUsage usage) {

  /** An end without provider usage. */
  public CallEnd(String outcome, String error, Integer sipStatus, CallMedia media, String recording,
      Double recordingSeconds, String recordingError, Double recordingDroppedSeconds) {
    this(outcome, error, sipStatus, media, recording, recordingSeconds, recordingError, recordingDroppedSeconds,
        null);
  }

  /** An end without recording problems. */
  public CallEnd(String outcome, String error, Integer sipStatus, CallMedia media, String recording,
      Double recordingSeconds) {
    this(outcome, error, sipStatus, media, recording, recordingSeconds, null, null, null);
  }
}
