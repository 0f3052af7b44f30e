package dev.voiceengine.server.wiring;

import dev.voiceengine.media.CallEventSink;
import dev.voiceengine.media.CallEvents;
import dev.voiceengine.media.CallInfo;
import dev.voiceengine.media.CallSession;
import dev.voiceengine.media.MediaEngine;
import dev.voiceengine.media.session.RemoteMedia;
import dev.voiceengine.proto.control.v1.Direction;
import dev.voiceengine.sip.CallEnd;
import dev.voiceengine.sip.CallRejectedException;
import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.MediaDescription;
import dev.voiceengine.sip.SipCallListener;
import dev.voiceengine.sip.jain.SipServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins signalling to media: each SIP dialog gets one media session, SIP callbacks drive it, and the media side's
 * requests (hang up after the no-media timeout) go back to SIP. One id per call: the UUID signalling made for the
 * INVITE is the call record's id and the media session's key. Holds no calls of its own: it finds them in the media
 * engine's table, where each call's state lives in its session.
 */
public final class CallBridge implements SipCallListener {
  private static final Logger log = LoggerFactory.getLogger(CallBridge.class);

  private final MediaEngine media;
  private final AgentDirectory agents;
  private final CallEventSink events;
  private final String advertiseAddress;
  private volatile SipServer sip;

  public CallBridge(MediaEngine media, AgentDirectory agents, CallEventSink events, String advertiseAddress) {
    this.media = media;
    this.agents = agents;
    this.events = events;
    this.advertiseAddress = advertiseAddress;
  }

  /** The SIP server that commands go to; set once, after it was built with this listener. */
  public void attach(SipServer server) {
    this.sip = server;
  }

  @Override
  public LocalMedia onInvite(InboundCall call) throws CallRejectedException {
    if (media.overloaded()) {
      log.warn("call {} refused: the media loops are falling behind (measured capacity reached)", call.sipCallId());
      throw new CallRejectedException(503, "Overloaded: calls' audio is running late");
    }
    CallInfo info = info(call);
    CallSession session;
    try {
      session = media.open(info, outcome -> hangup(call.ref()));
    } catch (IOException e) {
      log.warn("call {} refused: no media port: {}", call.sipCallId(), e.getMessage());
      throw new CallRejectedException(503, "No media port available");
    }
    log.info("call {} from {} to {} (agent {}, sip {})", info.callId(), call.fromNumber(), call.toNumber(),
        call.agentId(), call.sipCallId());
    return new LocalMedia(advertiseAddress, session.localAddress().getPort());
  }

  @Override
  public void onRejected(InboundCall call, int status, String reason) {
    String callId = call.ref();
    events.accept(CallEvents.offered(info(call)));
    events.accept(CallEvents.rejected(callId, status, reason));
    log.info("call {} from {} to {} rejected: {} {}", callId, call.fromNumber(), call.toNumber(), status, reason);
  }

  @Override
  public void onMedia(String ref, MediaDescription m) {
    CallSession session = media.session(ref);
    if (session != null) {
      session.updateRemote(new RemoteMedia(new InetSocketAddress(m.address(), m.port()), m.payloadType(),
          m.encoding(), m.telephoneEventPayloadType(), m.remoteReceives(), m.remoteSends()));
    }
  }

  @Override
  public void onConfirmed(String ref) {
    CallSession session = media.session(ref);
    if (session != null) {
      session.answer(agents.audio(session.info().agentId()));
    }
  }

  @Override
  public void onEnded(String ref, CallEnd end) {
    CallSession session = media.session(ref);
    if (session == null) {
      return;
    }
    switch (end) {
      case REMOTE_BYE -> session.end("caller_hangup", "");
      case LOCAL_BYE -> session.end(session.hangupOutcome() == null ? "agent_hangup" : session.hangupOutcome(), "");
      case CANCELED -> session.end("canceled", "");
      case FAILED -> session.end("error", "signalling failed (no ACK for our 200 OK, or transaction error)");
      case SHUTDOWN -> session.end("engine_shutdown", "");
    }
  }

  /** Live calls: those with a media session, from the INVITE until their CallEnded. */
  public int activeCalls() {
    return media.activeSessions();
  }

  private void hangup(String ref) {
    SipServer server = sip;
    if (server != null) {
      server.hangup(ref);
    }
  }

  private static CallInfo info(InboundCall call) {
    String source = call.source() == null ? ""
        : call.source().getAddress().getHostAddress() + ":" + call.source().getPort();
    return new CallInfo(call.ref(), call.sipCallId(), Direction.INBOUND, nz(call.fromNumber()), nz(call.toNumber()),
        nz(call.agentId()), nz(call.trunkId()), source);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
