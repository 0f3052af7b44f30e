package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.outbound.OutboundCallListener;
import dev.voiceengine.sip.outbound.OutboundInvite;
import dev.voiceengine.sip.sdp.Codec;
import dev.voiceengine.sip.sdp.LocalSdp;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiFunction;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls we placed, by call id and by Call-ID, and the stack work they need: sending the INVITE, its ACK, CANCEL
 * and BYE, and routing the stack's responses, timeouts and BYEs to the {@link OutboundDialog} they belong to.
 */
final class OutboundCalls {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundCalls.class);

  private final Map<String, OutboundDialog> byRef = new ConcurrentHashMap<>();
  private final Map<String, OutboundDialog> bySipCallId = new ConcurrentHashMap<>();
  private final OutboundRequests requests;
  private final BiFunction<Runnable, Duration, ScheduledFuture<?>> timers;
  private final SipResponder responder;
  private volatile SipProvider provider;
  private volatile int localPort = -1;

  OutboundCalls(OutboundRequests requests, SipResponder responder,
      BiFunction<Runnable, Duration, ScheduledFuture<?>> timers) {
    this.requests = requests;
    this.responder = responder;
    this.timers = timers;
  }

  void use(SipProvider provider, int localPort) {
    this.provider = provider;
    this.localPort = localPort;
  }

  /** Resolves the trunk (may block on a name look-up: the caller's thread, never the stack's) and sends the INVITE. */
  void dial(OutboundInvite call, OutboundCallListener listener) throws IOException {
    SipProvider p = provider;
    if (p == null) {
      throw new IOException("the SIP server is not running");
    }
    if (byRef.containsKey(call.ref())) {
      throw new IllegalStateException("call " + call.ref() + " is already being dialled");
    }
    InetAddress peer = InetAddress.getByName(call.trunk().host());
    String sipCallId = call.sipCallId();
    LocalSdp sdp = new LocalSdp(responder.newSessionId(), 1);
    OutboundDialog d = new OutboundDialog(this, listener, call, sipCallId, peer, sdp);
    try {
      Request invite = requests.invite(call, peer, localPort, sipCallId, responder.newTag(),
          sdp.offer(call.rtpAddress(), call.rtpPort(), Codec.PCMU));
      ClientTransaction tx = p.getNewClientTransaction(invite);
      tx.setApplicationData(d);
      byRef.put(call.ref(), d);
      bySipCallId.put(sipCallId, d);
      synchronized (d) {
        tx.sendRequest();
        d.sent(invite, tx);
      }
    } catch (Exception e) {
      forget(d);
      throw new IOException("cannot send the INVITE: " + e.getMessage(), e);
    }
  }

  OutboundDialog byRef(String ref) {
    return ref == null ? null : byRef.get(ref);
  }

  /** Whether {@code source} may send requests in the call with this Call-ID: the trunk we dialled. */
  boolean peerOf(String sipCallId, InetAddress source) {
    OutboundDialog d = sipCallId == null ? null : bySipCallId.get(sipCallId);
    return d != null && d.peer.equals(source);
  }

  OutboundDialog bySipCallId(String sipCallId) {
    return sipCallId == null ? null : bySipCallId.get(sipCallId);
  }

  /** A response of ours: true when it belongs to an outbound INVITE. */
  boolean onResponse(ResponseEvent event) {
    ClientTransaction tx = event.getClientTransaction();
    Object owner = tx != null ? tx.getApplicationData()
        : event.getDialog() != null ? event.getDialog().getApplicationData() : null; // a 2xx retransmission
    if (!(owner instanceof OutboundDialog d)) {
      return false;
    }
    if (tx != null && !Request.INVITE.equals(tx.getRequest().getMethod())) {
      return true; // CANCEL's and BYE's responses: nothing to do
    }
    d.response(event.getResponse(), tx, event.getDialog());
    return true;
  }

  boolean onTimeout(TimeoutEvent event) {
    ClientTransaction tx = event.getClientTransaction();
    if (tx != null && tx.getApplicationData() instanceof OutboundDialog d) {
      d.timedOut();
      return true;
    }
    return false;
  }

  /** A BYE in one of our calls' dialogs: 200, then the call ends. False when it is not ours. */
  boolean onBye(Dialog dialog, ServerTransaction tx) {
    if (dialog == null || !(dialog.getApplicationData() instanceof OutboundDialog d)) {
      return false;
    }
    responder.respond(tx, 200, null, null, null, false);
    d.remoteBye();
    return true;
  }

  boolean hangup(String ref, String outcome) {
    OutboundDialog d = byRef(ref);
    if (d == null) {
      return false;
    }
    d.hangup(outcome);
    return true;
  }

  /** Every live call ended as engine_shutdown (CANCEL or BYE sent). */
  void shutdown() {
    for (OutboundDialog d : List.copyOf(byRef.values())) {
      d.shutdown();
    }
  }

  int size() {
    return byRef.size();
  }

  // ---------------------------------------------------------------- what OutboundDialog uses

  ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return timers.apply(task, delay);
  }

  void forget(OutboundDialog d) {
    byRef.remove(d.ref(), d);
    bySipCallId.remove(d.sipCallId, d);
  }

  ClientTransaction resendWithCredentials(OutboundDialog d, Request previous, Response challenge) {
    try {
      Request next = requests.withCredentials(previous, challenge, d.call.trunk().username(),
          d.call.trunk().password());
      if (next == null) {
        return null;
      }
      ClientTransaction tx = provider.getNewClientTransaction(next);
      tx.setApplicationData(d);
      tx.sendRequest();
      d.sent(next, tx);
      if (tx.getDialog() != null) {
        tx.getDialog().setApplicationData(d);
      }
      return tx;
    } catch (Exception e) {
      LOG.info("call {}: cannot answer the {} challenge: {}", d.ref(), challenge.getStatusCode(), e.toString());
      return null;
    }
  }

  boolean ack(OutboundDialog d, Dialog dialog, long cseq) {
    try {
      dialog.setApplicationData(d);
      dialog.sendAck(dialog.createAck(cseq));
      return true;
    } catch (Exception e) {
      LOG.info("call {}: cannot send ACK: {}", d.ref(), e.toString());
      return false;
    }
  }

  boolean cancel(OutboundDialog d, ClientTransaction inviteTx) {
    try {
      ClientTransaction ct = provider.getNewClientTransaction(inviteTx.createCancel());
      ct.setApplicationData(d);
      ct.sendRequest();
      return true;
    } catch (Exception e) {
      LOG.info("call {}: cannot send CANCEL: {}", d.ref(), e.toString());
      return false;
    }
  }

  void bye(OutboundDialog d) {
    Dialog dialog = d.dialog();
    try {
      ClientTransaction ct = provider.getNewClientTransaction(requests.bye(dialog, d.call.trunk().transport()));
      ct.setApplicationData(d);
      dialog.sendRequest(ct);
    } catch (Exception e) {
      LOG.info("call {}: cannot send BYE: {}", d.ref(), e.toString());
    }
  }
}
