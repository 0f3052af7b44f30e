package dev.voiceengine.server.wiring;

import dev.voiceengine.control.commands.OutboundDial;
import dev.voiceengine.media.CallEventSink;
import dev.voiceengine.media.CallEvents;
import dev.voiceengine.media.CallInfo;
import dev.voiceengine.media.CallSession;
import dev.voiceengine.media.MediaEngine;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.proto.control.v1.TransferProgress;
import dev.voiceengine.server.config.TrunkConfig;
import dev.voiceengine.sip.jain.SipServer;
import dev.voiceengine.sip.outbound.OutboundInvite;
import dev.voiceengine.sip.outbound.OutboundTrunk;
import dev.voiceengine.sip.outbound.TransferListener;
import dev.voiceengine.sip.outbound.TransferState;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live calls through the real signalling and media: a placed call gets its media session first (CallOffered, an RTP
 * port from the same allocator inbound calls use, direction OUTBOUND), then its INVITE; from the answer on it is like
 * any answered call. Placing runs on {@code dialer} (binding a port and looking up the trunk's host may block).
 */
public final class SignalledCalls implements LiveCalls {
  private static final Logger log = LoggerFactory.getLogger(SignalledCalls.class);

  private final MediaEngine media;
  private final AgentDirectory agents;
  private final CallEventSink events;
  private final String advertiseAddress;
  private final SipServer sip;
  private final Executor dialer;

  public SignalledCalls(MediaEngine media, AgentDirectory agents, CallEventSink events, String advertiseAddress,
      SipServer sip, Executor dialer) {
    this.media = media;
    this.agents = agents;
    this.events = events;
    this.advertiseAddress = advertiseAddress;
    this.sip = sip;
    this.dialer = dialer;
  }

  @Override
  public void place(OutboundDial dial, TrunkConfig trunk, String fromNumber, Runnable released) {
    try {
      dialer.execute(() -> placeNow(dial, trunk, fromNumber, released));
    } catch (RejectedExecutionException e) {
      fail(info(dial, trunk, fromNumber, ""), "the engine is stopping");
      released.run();
    }
  }

  private void placeNow(OutboundDial dial, TrunkConfig trunk, String fromNumber, Runnable released) {
    TrunkConfig.Outbound o = trunk.outbound();
    OutboundTrunk target = new OutboundTrunk(trunk.id(), o.host(), o.port(), o.transport(), o.username(),
        o.password(), Duration.ofSeconds(o.ringTimeoutSeconds()));
    CallInfo info = info(dial, trunk, fromNumber, UUID.randomUUID().toString());
    CallSession session;
    try {
      session = media.open(info, outcome -> sip.hangup(dial.callId()));
    } catch (IOException | RuntimeException e) {
      log.warn("call {} not placed: no media: {}", dial.callId(), e.getMessage());
      fail(info, "no media port: " + e.getMessage());
      released.run();
      return;
    }
    session.ended().whenComplete((v, e) -> released.run());
    try {
      sip.dial(new OutboundInvite(dial.callId(), dial.toNumber(), fromNumber, target, advertiseAddress,
          session.localAddress().getPort(), info.sipCallId()),
          new PlacedCall(session, agents.audio(dial.agentId(), dial.firstMessage(), dial.context()), events));
      log.info("call {} placed to {} through {} (agent {})", dial.callId(), dial.toNumber(), trunk.id(),
          dial.agentId());
    } catch (IOException | RuntimeException e) {
      log.warn("call {} not placed: {}", dial.callId(), e.getMessage());
      session.end("failed", "cannot place the call: " + e.getMessage());
    }
  }

  @Override
  public boolean live(String callId) {
    return callId != null && media.session(callId) != null;
  }

  @Override
  public void end(String callId) {
    CallSession session = media.session(callId);
    if (session != null) {
      session.end("api_hangup", "");
    }
    sip.hangup(callId);
  }

  @Override
  public void transfer(String callId, String target) {
    sip.transfer(callId, target, new Progress());
  }

  @Override
  public void sendDtmf(String callId, String digits) {
    CallSession session = media.session(callId);
    if (session == null || !session.acceptsDtmf()) {
      throw new IllegalStateException(session == null || !session.isLive() ? "the call is not answered"
          : "the far end takes no telephone-events (none in its SDP)");
    }
    session.sendDtmf(digits).exceptionally(e -> {
      log.info("call {}: keys not sent: {}", callId, e.getMessage());
      return null;
    });
  }

  @Override
  public void say(String callId, String text) {
    CallSession session = media.session(callId);
    if (session == null || !session.isLive()) {
      throw new IllegalStateException("the call is not answered");
    }
    session.say(text).exceptionally(e -> {
      log.info("call {}: not said: {}", callId, e.getMessage());
      return null;
    });
  }

  @Override
  public void muteAgent(String callId, boolean muted) {
    CallSession session = media.session(callId);
    if (session == null || !session.isLive()) {
      throw new IllegalStateException("the call is not answered");
    }
    session.muteAgent(muted);
  }

  /** Transfer progress as TransferProgress events; a success ends the call as transferred before our BYE. */
  private final class Progress implements TransferListener {
    @Override
    public void onProgress(String ref, String target, TransferState state, int sipStatus, String reason) {
      events.accept(CallEvent.newBuilder().setCallId(ref)
          .setOccurredAt(PlacedCall.ringing(ref, 0).getOccurredAt())
          .setTransfer(TransferProgress.newBuilder().setTarget(target).setState(state.wire())
              .setSipStatus(sipStatus).setReason(reason))
          .build());
      if (state == TransferState.SUCCEEDED) {
        CallSession session = media.session(ref);
        if (session != null) {
          session.end("transferred", "");
        }
      }
    }
  }

  private void fail(CallInfo info, String error) {
    events.accept(CallEvents.offered(info));
    events.accept(CallEvents.ended(info.callId(), "failed", error, null, null));
  }

  private static CallInfo info(OutboundDial dial, TrunkConfig trunk, String fromNumber, String sipCallId) {
    TrunkConfig.Outbound o = trunk.outbound();
    return new CallInfo(dial.callId(), sipCallId, Direction.OUTBOUND, fromNumber == null ? "" : fromNumber,
        dial.toNumber(), dial.agentId(), trunk.id(), o.host() + ":" + o.port());
  }
}
