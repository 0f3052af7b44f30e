package dev.voiceengine.media;

import com.google.protobuf.Timestamp;
import dev.voiceengine.media.record.RecordingResult;
import dev.voiceengine.proto.control.v1.CallAnswered;
import dev.voiceengine.proto.control.v1.CallEnded;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.CallOffered;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.proto.control.v1.DtmfReceived;
import dev.voiceengine.proto.control.v1.MediaStats;
import dev.voiceengine.proto.control.v1.ProviderUsage;
import java.time.Instant;

/**
 * Builds the {@link CallEvent}s the engine emits, stamped with the wall clock. Public so that signalling can report
 * calls that end before they get media (a 404 or 488 is still a call record).
 */
public final class CallEvents {
  private CallEvents() {}

  public static CallEvent offered(CallInfo info) {
    CallOffered offered = CallOffered.newBuilder()
        .setSipCallId(text(info.sipCallId()))
        .setDirection(info.direction() == null ? Direction.DIRECTION_UNSPECIFIED : info.direction())
        .setFromNumber(text(info.fromNumber()))
        .setToNumber(text(info.toNumber()))
        .setAgentId(text(info.agentId()))
        .setTrunkId(text(info.trunkId()))
        .setSource(text(info.source()))
        .build();
    return event(info.callId()).setOffered(offered).build();
  }

  /** Media flows: {@code codec} like "PCMU/8000", {@code recording} relative to the data directory or empty. */
  public static CallEvent answered(String callId, String codec, String recording) {
    return event(callId)
        .setAnswered(CallAnswered.newBuilder().setCodec(text(codec)).setRecording(text(recording)))
        .build();
  }

  /** A call that had media ended; {@code recording} says what became of its recording ({@code NONE} if none). */
  public static CallEvent ended(String callId, String outcome, String error, MediaStats media,
      RecordingResult recording) {
    return ended(callId, outcome, error, media, recording, null);
  }

  /** As above, with what the call used of its providers ({@code usage} may be null). */
  public static CallEvent ended(String callId, String outcome, String error, MediaStats media,
      RecordingResult recording, ProviderUsage usage) {
    RecordingResult r = recording == null ? RecordingResult.NONE : recording;
    CallEnded.Builder ended = CallEnded.newBuilder()
        .setOutcome(text(outcome))
        .setError(text(error))
        .setRecording(text(r.relativePath()))
        .setRecordingSeconds(r.seconds())
        .setRecordingError(text(r.error()))
        .setRecordingDroppedSeconds(r.droppedSeconds());
    if (media != null) {
      ended.setMedia(media);
    }
    if (usage != null) {
      ended.setProviderUsage(usage);
    }
    return event(callId).setEnded(ended).build();
  }

  /** A call refused before answer: outcome "rejected", error "{@code sipStatus} {@code reason}", sip_status set. */
  public static CallEvent rejected(String callId, int sipStatus, String reason) {
    String error = reason == null || reason.isBlank() ? Integer.toString(sipStatus) : sipStatus + " " + reason;
    return event(callId)
        .setEnded(CallEnded.newBuilder().setOutcome("rejected").setError(error).setSipStatus(sipStatus))
        .build();
  }

  /** The caller pressed a key (counted once, when it was released). */
  public static CallEvent dtmf(String callId, DtmfReceived dtmf) {
    return event(callId).setDtmf(dtmf).build();
  }

  static Timestamp now() {
    Instant now = Instant.now();
    return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
  }

  private static CallEvent.Builder event(String callId) {
    return CallEvent.newBuilder().setCallId(text(callId)).setOccurredAt(now());
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }
}
