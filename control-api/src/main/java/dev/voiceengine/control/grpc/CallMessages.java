package dev.voiceengine.control.grpc;

import com.google.protobuf.Timestamp;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.proto.control.v1.Call;
import java.time.Instant;
import java.util.function.Consumer;

/** Call records as the gRPC Call message: the REST call JSON's main fields; unknown values stay unset or empty. */
final class CallMessages {
  private CallMessages() {}

  static Call call(CallRecord c) {
    Call.Builder b = Call.newBuilder().setId(c.id());
    text(c.sipCallId(), b::setSipCallId);
    text(c.direction() == null ? null : c.direction().wire(), b::setDirection);
    text(c.fromNumber(), b::setFromNumber);
    text(c.toNumber(), b::setToNumber);
    text(c.agentId(), b::setAgentId);
    text(c.trunkId(), b::setTrunkId);
    text(c.status() == null ? null : c.status().wire(), b::setStatus);
    text(c.outcome(), b::setOutcome);
    text(c.error(), b::setError);
    if (c.sipStatus() != null) {
      b.setSipStatus(c.sipStatus());
    }
    time(c.startedAt(), b::setStartedAt);
    time(c.answeredAt(), b::setAnsweredAt);
    time(c.endedAt(), b::setEndedAt);
    if (c.durationSeconds() != null && Double.isFinite(c.durationSeconds())) {
      b.setDurationSeconds(c.durationSeconds());
    }
    text(c.codec(), b::setCodec);
    if (c.recording() != null) {
      b.setRecordingUrl("/v1/calls/" + c.id() + "/recording");
    }
    b.setTranscriptUrl("/v1/calls/" + c.id() + "/transcript");
    time(c.createdAt(), b::setCreatedAt);
    time(c.updatedAt(), b::setUpdatedAt);
    return b.build();
  }

  private static void text(String value, Consumer<String> setter) {
    if (value != null) {
      setter.accept(value);
    }
  }

  private static void time(Instant value, Consumer<Timestamp> setter) {
    if (value != null) {
      setter.accept(Timestamp.newBuilder().setSeconds(value.getEpochSecond()).setNanos(value.getNano()).build());
    }
  }
}
