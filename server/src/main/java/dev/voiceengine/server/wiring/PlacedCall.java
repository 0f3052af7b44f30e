package dev.voiceengine.server.wiring;

import com.google.protobuf.Timestamp;
import dev.voiceengine.media.CallContext;
import dev.voiceengine.media.CallEventSink;
import dev.voiceengine.media.CallSession;
import dev.voiceengine.media.session.CallAudio;
import dev.voiceengine.media.session.RemoteMedia;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.CallRinging;
import dev.voiceengine.sip.MediaDescription;
import dev.voiceengine.sip.outbound.OutboundCallListener;
import dev.voiceengine.sip.outbound.OutboundEnd;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.function.Function;

/**
 * One call we placed, as signalling reports it: ringing becomes CallRinging, the answer starts the call's media and
 * conversation exactly as an inbound call's ACK does, and the end ends the media session with the outcome and the
 * SIP final response. Holds only what the answer needs; the call's state is its {@link CallSession}.
 */
final class PlacedCall implements OutboundCallListener {
  private final CallSession session;
  private final Function<CallContext, CallAudio> audio;
  private final CallEventSink events;
  private int lastRinging;

  PlacedCall(CallSession session, Function<CallContext, CallAudio> audio, CallEventSink events) {
    this.session = session;
    this.audio = audio;
    this.events = events;
  }

  @Override
  public void onRinging(String ref, int sipStatus) {
    if ((sipStatus == 180 || sipStatus == 183) && sipStatus != lastRinging) {
      lastRinging = sipStatus;
      events.accept(ringing(ref, sipStatus));
    }
  }

  @Override
  public void onAnswered(String ref, MediaDescription m) {
    session.updateRemote(new RemoteMedia(new InetSocketAddress(m.address(), m.port()), m.payloadType(),
        m.encoding(), m.telephoneEventPayloadType(), m.remoteReceives(), m.remoteSends()));
    session.answer(audio);
  }

  @Override
  public void onEnded(String ref, OutboundEnd end) {
    String outcome = end.outcome();
    if (OutboundEnd.AGENT_HANGUP.equals(outcome) && session.hangupOutcome() != null) {
      outcome = session.hangupOutcome(); // the goodbye, the no-media timeout: what the call asked to end with
    }
    String error = end.sipStatus() >= 300 && !outcome.equals(OutboundEnd.CANCELED)
        ? (end.sipStatus() + " " + end.reason()).strip() : end.sipStatus() == 0 ? end.reason() : "";
    session.end(outcome, error, end.sipStatus(), end.reason());
  }

  static CallEvent ringing(String callId, int sipStatus) {
    Instant now = Instant.now();
    return CallEvent.newBuilder().setCallId(callId)
        .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
        .setRinging(CallRinging.newBuilder().setSipStatus(sipStatus))
        .build();
  }
}
