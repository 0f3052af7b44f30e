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
import dev.voiceengine.sip.SipServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins signalling to media: each SIP dialog gets one media session, SIP callbacks drive it, and the media side's
 * requests (hang up after the no-media timeout) go back to SIP. Holds only the dialog-to-session map; the per-call
 * state itself lives in the session.
 */
public final class CallBridge implements SipCallListener {
  private static final Logger log = LoggerFactory.getLogger(CallBridge.class);

  private final MediaEngine media;
  private final AgentDirectory agents;
  private final CallEventSink events;
  private final String advertiseAddress;
  private final Map<String, Leg> legs = new ConcurrentHashMap<>();
  private volatile SipServer sip;

  /** One dialog's session, and the outcome our side asked for when it hung up. */
  private static final class Leg {
    final CallSession session;
    final String agentId;
    volatile String localOutcome;

    Leg(CallSession session, String agentId) {
      this.session = session;
      this.agentId = agentId;
    }
  }

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
    CallInfo info = info(UUID.randomUUID().toString(), call);
    CallSession session;
    try {
      Leg[] holder = new Leg[1];
      session = media.open(info, outcome -> hangup(call.ref(), holder[0], outcome));
      holder[0] = new Leg(session, call.agentId());
      legs.put(call.ref(), holder[0]);
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
    String callId = UUID.randomUUID().toString();
    events.accept(CallEvents.offered(info(callId, call)));
    events.accept(CallEvents.rejected(callId, status, reason));
    log.info("call {} from {} to {} rejected: {} {}", callId, call.fromNumber(), call.toNumber(), status, reason);
  }

  @Override
  public void onMedia(String ref, MediaDescription m) {
    Leg leg = legs.get(ref);
    if (leg != null) {
      leg.session.updateRemote(new RemoteMedia(new InetSocketAddress(m.address(), m.port()), m.payloadType(),
          m.encoding(), m.telephoneEventPayloadType(), m.remoteReceives(), m.remoteSends()));
    }
  }

  @Override
  public void onConfirmed(String ref) {
    Leg leg = legs.get(ref);
    if (leg != null) {
      leg.session.answer(agents.audio(leg.agentId));
    }
  }

  @Override
  public void onEnded(String ref, CallEnd end) {
    Leg leg = legs.remove(ref);
    if (leg == null) {
      return;
    }
    switch (end) {
      case REMOTE_BYE -> leg.session.end("caller_hangup", "");
      case LOCAL_BYE -> leg.session.end(leg.localOutcome == null ? "agent_hangup" : leg.localOutcome, "");
      case CANCELED -> leg.session.end("canceled", "");
      case FAILED -> leg.session.end("error", "signalling failed (no ACK for our 200 OK, or transaction error)");
      case SHUTDOWN -> leg.session.end("engine_shutdown", "");
    }
  }

  /** Live calls known to the bridge. */
  public int activeCalls() {
    return legs.size();
  }

  private void hangup(String ref, Leg leg, String outcome) {
    if (leg != null) {
      leg.localOutcome = outcome;
    }
    SipServer server = sip;
    if (server != null) {
      server.hangup(ref);
    }
  }

  private static CallInfo info(String callId, InboundCall call) {
    String source = call.source() == null ? ""
        : call.source().getAddress().getHostAddress() + ":" + call.source().getPort();
    return new CallInfo(callId, call.sipCallId(), Direction.INBOUND, nz(call.fromNumber()), nz(call.toNumber()),
        nz(call.agentId()), nz(call.trunkId()), source);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
