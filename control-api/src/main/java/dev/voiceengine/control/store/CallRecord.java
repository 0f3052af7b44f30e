package dev.voiceengine.control.store;

import java.time.Instant;

/**
 * One call as stored: identity and parties from the offer, the lifecycle (status, times, outcome), the recording and
 * the media statistics. Nullable where the call has not got that far or the engine did not say.
 *
 * <p>{@code durationSeconds} runs from answer to end (fractional, millisecond precision) and is null for a call that
 * was never answered. {@code recording} is relative to the data directory; {@code recordingError} and
 * {@code recordingDroppedSeconds} say what went wrong with it, as the engine reported when the call ended.
 *
 * <p>The later parts are null until a feature fills them: {@code request} (outbound calls), {@code ringingAt} and
 * {@code sipReason} (the far end's progress and refusal), {@code amd} and {@code wentToVoicemail} (answering-machine
 * detection), {@code transfer}, {@code contact} and {@code analysis} (post-call analysis).
 */
public record CallRecord(
    String id,
    String sipCallId,
    CallDirection direction,
    String fromNumber,
    String toNumber,
    String agentId,
    String trunkId,
    String source,
    String codec,
    CallStatus status,
    String outcome,
    String error,
    Integer sipStatus,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    Double durationSeconds,
    String recording,
    Double recordingSeconds,
    String recordingError,
    Double recordingDroppedSeconds,
    CallMedia media,
    Instant createdAt,
    Instant updatedAt,
    CallRequest request,
    Instant ringingAt,
    String sipReason,
    CallAmd amd,
    Boolean wentToVoicemail,
    CallTransfer transfer,
    CallContact contact,
    CallAnalysis analysis) {

  /** A builder holding this record's values, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A builder for a new call with this id. */
  public static Builder builder(String id) {
    Builder builder = new Builder();
    builder.id = id;
    return builder;
  }

  /** Builds records field by field; every field defaults to null. */
  public static final class Builder {
    private String id;
    private String sipCallId;
    private CallDirection direction;
    private String fromNumber;
    private String toNumber;
    private String agentId;
    private String trunkId;
    private String source;
    private String codec;
    private CallStatus status;
    private String outcome;
    private String error;
    private Integer sipStatus;
    private Instant startedAt;
    private Instant answeredAt;
    private Instant endedAt;
    private Double durationSeconds;
    private String recording;
    private Double recordingSeconds;
    private String recordingError;
    private Double recordingDroppedSeconds;
    private CallMedia media;
    private Instant createdAt;
    private Instant updatedAt;
    private CallRequest request;
    private Instant ringingAt;
    private String sipReason;
    private CallAmd amd;
    private Boolean wentToVoicemail;
    private CallTransfer transfer;
    private CallContact contact;
    private CallAnalysis analysis;

    private Builder() {}

    private Builder(CallRecord r) {
      id = r.id;
      sipCallId = r.sipCallId;
      direction = r.direction;
      fromNumber = r.fromNumber;
      toNumber = r.toNumber;
      agentId = r.agentId;
      trunkId = r.trunkId;
      source = r.source;
      codec = r.codec;
      status = r.status;
      outcome = r.outcome;
      error = r.error;
      sipStatus = r.sipStatus;
      startedAt = r.startedAt;
      answeredAt = r.answeredAt;
      endedAt = r.endedAt;
      durationSeconds = r.durationSeconds;
      recording = r.recording;
      recordingSeconds = r.recordingSeconds;
      recordingError = r.recordingError;
      recordingDroppedSeconds = r.recordingDroppedSeconds;
      media = r.media;
      createdAt = r.createdAt;
      updatedAt = r.updatedAt;
      request = r.request;
      ringingAt = r.ringingAt;
      sipReason = r.sipReason;
      amd = r.amd;
      wentToVoicemail = r.wentToVoicemail;
      transfer = r.transfer;
      contact = r.contact;
      analysis = r.analysis;
    }

    public Builder sipCallId(String v) { sipCallId = v; return this; }
    public Builder direction(CallDirection v) { direction = v; return this; }
    public Builder fromNumber(String v) { fromNumber = v; return this; }
    public Builder toNumber(String v) { toNumber = v; return this; }
    public Builder agentId(String v) { agentId = v; return this; }
    public Builder trunkId(String v) { trunkId = v; return this; }
    public Builder source(String v) { source = v; return this; }
    public Builder codec(String v) { codec = v; return this; }
    public Builder status(CallStatus v) { status = v; return this; }
    public Builder outcome(String v) { outcome = v; return this; }
    public Builder error(String v) { error = v; return this; }
    public Builder sipStatus(Integer v) { sipStatus = v; return this; }
    public Builder startedAt(Instant v) { startedAt = v; return this; }
    public Builder answeredAt(Instant v) { answeredAt = v; return this; }
    public Builder endedAt(Instant v) { endedAt = v; return this; }
    public Builder durationSeconds(Double v) { durationSeconds = v; return this; }
    public Builder recording(String v) { recording = v; return this; }
    public Builder recordingSeconds(Double v) { recordingSeconds = v; return this; }
    public Builder recordingError(String v) { recordingError = v; return this; }
    public Builder recordingDroppedSeconds(Double v) { recordingDroppedSeconds = v; return this; }
    public Builder media(CallMedia v) { media = v; return this; }
    public Builder createdAt(Instant v) { createdAt = v; return this; }
    public Builder updatedAt(Instant v) { updatedAt = v; return this; }
    public Builder request(CallRequest v) { request = v; return this; }
    public Builder ringingAt(Instant v) { ringingAt = v; return this; }
    public Builder sipReason(String v) { sipReason = v; return this; }
    public Builder amd(CallAmd v) { amd = v; return this; }
    public Builder wentToVoicemail(Boolean v) { wentToVoicemail = v; return this; }
    public Builder transfer(CallTransfer v) { transfer = v; return this; }
    public Builder contact(CallContact v) { contact = v; return this; }
    public Builder analysis(CallAnalysis v) { analysis = v; return this; }

    public CallRecord build() {
      return new CallRecord(id, sipCallId, direction, fromNumber, toNumber, agentId, trunkId, source, codec, status,
          outcome, error, sipStatus, startedAt, answeredAt, endedAt, durationSeconds, recording, recordingSeconds,
          recordingError, recordingDroppedSeconds, media, createdAt, updatedAt, request, ringingAt, sipReason, amd, wentToVoicemail,
          transfer, contact, analysis);
    }
  }
}
