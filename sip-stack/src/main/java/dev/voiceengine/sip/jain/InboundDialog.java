package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.CallEnd;
import dev.voiceengine.sip.CallRejectedException;
import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.MediaDescription;
import dev.voiceengine.sip.SipCallListener;
import dev.voiceengine.sip.SipCallListener.LocalMedia;
import dev.voiceengine.sip.inbound.InviteScreening;
import dev.voiceengine.sip.sdp.Codec;
import dev.voiceengine.sip.sdp.LocalSdp;
import dev.voiceengine.sip.sdp.Negotiation;
import dev.voiceengine.sip.sdp.NoCommonCodecException;
import dev.voiceengine.sip.sdp.Sdp;
import dev.voiceengine.sip.sdp.SdpNegotiator;
import dev.voiceengine.sip.sdp.SdpParseException;
import dev.voiceengine.sip.sdp.SdpParser;
import dev.voiceengine.sip.sdp.SdpTooLargeException;
import java.util.concurrent.ScheduledFuture;
import javax.sip.Dialog;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything about one inbound call's dialog, and every transition of it. All methods are synchronized on the
 * instance: the stack's threads, the timer thread and {@code hangup} callers take turns. Listener callbacks run under
 * that lock too, so a call's callbacks never overlap or reorder, and nothing follows onEnded.
 */
final class InboundDialog {
  private static final Logger LOG = LoggerFactory.getLogger(InboundDialog.class);

  enum State {
    /** Screened; the listener's onInvite is running. */
    OFFERED,
    /** 180 sent; the answer is scheduled (answerDelay). */
    RINGING,
    /** 200 sent, no ACK yet. */
    ANSWERED,
    /** ACKed: the call is up. */
    CONFIRMED,
    /** onEnded was called (or the INVITE was rejected). */
    ENDED
  }

  private final JainSipAgent agent;
  private final SipCallListener listener;
  final InboundCall call;
  final String callKey;
  private final ServerTransaction inviteTx;
  final Dialog dialog;
  final String toTag;
  final String transport;
  private final Sdp initialOffer;
  private final LocalSdp localSdp;

  private State state = State.OFFERED;
  private Negotiation negotiation;
  private LocalMedia local;
  /** A 2xx to an INVITE went out and its ACK has not come. */
  private boolean awaitingAck;
  /** That 2xx carried our offer: the answer is due in the ACK. */
  private boolean answerInAck;
  /** We hung up while the initial 2xx was unacknowledged: BYE goes out with the ACK (RFC 3261 §15). */
  private boolean byeOwed;
  private ScheduledFuture<?> answerTimer;
  private ScheduledFuture<?> ackTimer;

  InboundDialog(JainSipAgent agent, SipCallListener listener, InboundCall call, String callKey,
                ServerTransaction inviteTx, Dialog dialog, String toTag, String transport, Sdp initialOffer,
                Negotiation negotiation, LocalSdp localSdp) {
    this.agent = agent;
    this.listener = listener;
    this.call = call;
    this.callKey = callKey;
    this.inviteTx = inviteTx;
    this.dialog = dialog;
    this.toTag = toTag;
    this.transport = transport;
    this.initialOffer = initialOffer;
    this.negotiation = negotiation;
    this.localSdp = localSdp;
  }

  String ref() {
    return call.ref();
  }

  synchronized State state() {
    return state;
  }

  /**
   * Asks the listener for media, then rings or answers. Runs on the stack thread that got the INVITE, after admission
   * released its lock: close() or a CANCEL may have ended the call already, and then there is nothing to ask for.
   */
  synchronized void offered() {
    if (state != State.OFFERED) {
      return;
    }
    LocalMedia media;
    try {
      media = listener.onInvite(call);
    } catch (CallRejectedException e) {
      reject(e.status(), e.getMessage());
      return;
    } catch (RuntimeException e) {
      LOG.warn("onInvite failed for {}", ref(), e);
      reject(500, "onInvite failed: " + e);
      return;
    }
    if (state != State.OFFERED) {
      return; // the listener hung up from inside onInvite
    }
    if (media == null) {
      reject(500, "onInvite returned no media");
      return;
    }
    local = media;
    if (agent.answerDelay().isZero() || agent.answerDelay().isNegative()) {
      answer();
    } else {
      state = State.RINGING;
      agent.respond(inviteTx, 180, null, toTag, null, true);
      answerTimer = agent.schedule(this::answer, agent.answerDelay());
    }
  }

  private void reject(int status, String reason) {
    int s = status >= 300 && status <= 699 ? status : 500;
    state = State.ENDED;
    agent.respond(inviteTx, s, null, toTag, null, false);
    agent.forget(this);
    try {
      listener.onRejected(call, s, reason);
    } catch (RuntimeException e) {
      LOG.warn("onRejected failed for {}", ref(), e);
    }
  }

  /** Sends the 200 OK: our answer, or our offer for an INVITE without SDP. */
  synchronized void answer() {
    if (state != State.OFFERED && state != State.RINGING) {
      return;
    }
    String body;
    if (initialOffer != null) {
      body = localSdp.answer(initialOffer, negotiation, local.address(), local.port());
      notifyMedia(negotiation.remote());
      if (state == State.ENDED) {
        return; // the listener hung up from inside onMedia
      }
    } else {
      body = localSdp.offer(local.address(), local.port(), Codec.PCMU);
      answerInAck = true;
    }
    if (!agent.respond(inviteTx, 200, null, toTag, body, true)) {
      failed(inviteTx);
      end(CallEnd.FAILED);
      return;
    }
    state = State.ANSWERED;
    expectAck();
  }

  private void expectAck() {
    awaitingAck = true;
    ackTimer = agent.schedule(this::ackTimedOut, agent.ackTimeout());
  }

  /** The ACK for a 2xx. */
  synchronized void ack(Request ack) {
    if (!awaitingAck) {
      return; // a retransmission, or an ACK after we gave up
    }
    awaitingAck = false;
    cancel(ackTimer);
    if (state == State.ENDED) {
      settleOwedBye(true);
      return;
    }
    if (answerInAck) {
      answerInAck = false;
      String body = SipMessages.body(ack);
      try {
        if (body == null) {
          throw new SdpParseException("ACK carries no SDP answer");
        }
        Negotiation n = SdpNegotiator.acceptAnswer(SdpParser.parse(body), localSdp.audioIndex(), "sendrecv");
        negotiation = n;
        notifyMedia(n.remote());
      } catch (SdpParseException | NoCommonCodecException e) {
        LOG.info("call {}: unusable answer in ACK ({}), hanging up", ref(), e.getMessage());
        agent.sendBye(this);
        end(CallEnd.FAILED);
        return;
      }
    }
    if (state == State.ANSWERED) {
      state = State.CONFIRMED;
      try {
        listener.onConfirmed(ref());
      } catch (RuntimeException e) {
        LOG.warn("onConfirmed failed for {}", ref(), e);
      }
    }
  }

  /** No ACK within the timeout (RFC 3261 §13.3.1.4): BYE. Also the stack's own dialog timeout. */
  synchronized void ackTimedOut() {
    if (!awaitingAck) {
      return;
    }
    awaitingAck = false;
    answerInAck = false;
    if (state == State.ENDED) {
      settleOwedBye(true);
      return;
    }
    LOG.info("call {}: no ACK for our 2xx, hanging up", ref());
    agent.sendBye(this);
    end(CallEnd.FAILED);
  }

  /** We end the call: BYE when answered, a final response to the INVITE when not. */
  synchronized void hangup(CallEnd why) {
    switch (state) {
      case OFFERED, RINGING -> {
        agent.respond(inviteTx, why == CallEnd.SHUTDOWN ? 503 : 480, null, toTag, null, false);
        end(why);
      }
      case ANSWERED -> {
        if (awaitingAck) {
          byeOwed = true; // the BYE must wait for the ACK or its timeout; at shutdown, see sendOwedBye
          agent.owesBye(this);
        } else {
          agent.sendBye(this);
        }
        end(why);
      }
      case CONFIRMED -> {
        agent.sendBye(this);
        end(why);
      }
      case ENDED -> {
        // already over
      }
    }
  }

  /**
   * Shutdown: the BYE still waiting for our 2xx's ACK goes now. RFC 3261 §15 lets the callee send it once the
   * server transaction is over, and close() is about to end it (no more 2xx retransmissions): a caller that got the
   * 2xx has no other way to learn the call is gone, and one that did not answers 481 and never sees a dialog.
   */
  synchronized void sendOwedBye() {
    settleOwedBye(true);
  }

  private void settleOwedBye(boolean send) {
    if (byeOwed) {
      byeOwed = false;
      agent.byeSettled(this);
      if (send) {
        agent.sendBye(this);
      }
    }
  }

  /** The remote sent BYE (already answered with 200 by the agent). */
  synchronized void remoteBye() {
    if (state == State.OFFERED || state == State.RINGING) {
      agent.respond(inviteTx, 487, null, toTag, null, false);
    }
    awaitingAck = false;
    settleOwedBye(false);
    if (state != State.ENDED) {
      end(CallEnd.REMOTE_BYE);
    }
  }

  /** The remote sent CANCEL (already answered with 200 by the agent): 487 if we have not answered. */
  synchronized void canceled() {
    if (state == State.OFFERED || state == State.RINGING) {
      agent.respond(inviteTx, 487, null, toTag, null, false);
      end(CallEnd.CANCELED);
    }
  }

  /** A re-INVITE: answer its offer consistently, or make an offer when it has none. */
  synchronized void reInvite(ServerTransaction tx, Request request) {
    if (state == State.ENDED) {
      agent.respond(tx, 481, null, null, null, false);
      return;
    }
    if (state != State.CONFIRMED || awaitingAck) {
      agent.respond(tx, 491, null, null, null, false);
      return;
    }
    String body = SipMessages.body(request);
    Codec current = negotiation != null ? negotiation.codec() : Codec.PCMU;
    if (body == null) {
      String offer = localSdp.offer(local.address(), local.port(), current);
      if (agent.respond(tx, 200, null, null, offer, true)) {
        answerInAck = true;
        expectAck();
      } else {
        failed(tx);
      }
      return;
    }
    String contentType = SipMessages.contentType(request);
    if (contentType != null && !InviteScreening.isSdp(contentType)) {
      agent.respond(tx, 415, null, null, null, false);
      return;
    }
    Negotiation n;
    Sdp offer;
    try {
      offer = SdpParser.parse(body);
      n = SdpNegotiator.answer(offer, current);
    } catch (SdpTooLargeException e) {
      agent.respond(tx, 488, "Not Acceptable Here: " + e.getMessage(), null, null, false);
      return;
    } catch (SdpParseException e) {
      agent.respond(tx, 400, "Bad SDP: " + e.getMessage(), null, null, false);
      return;
    } catch (NoCommonCodecException e) {
      agent.respond(tx, 488, null, null, null, false);
      return;
    }
    String answer = localSdp.answer(offer, n, local.address(), local.port());
    Negotiation previous = negotiation;
    negotiation = n;
    notifyMedia(n.remote());
    if (state == State.ENDED) {
      agent.respond(tx, 481, null, null, null, false); // the listener hung up from inside onMedia
      return;
    }
    if (agent.respond(tx, 200, null, null, answer, true)) {
      expectAck();
      return;
    }
    failed(tx);
    if (previous != null) {
      negotiation = previous; // a refused re-INVITE leaves the session as it was (RFC 3261 §14.2)
      notifyMedia(previous.remote());
    }
  }

  /**
   * The 2xx to an INVITE could not be built or sent: every INVITE still gets a final response (RFC 3261 §13.3.1),
   * so the caller is not left with 100 Trying until its timer B fires.
   */
  private void failed(ServerTransaction tx) {
    LOG.warn("call {}: cannot send 200 to {}, sending 500", ref(), tx == inviteTx ? "the INVITE" : "a re-INVITE");
    agent.respond(tx, 500, null, tx == inviteTx ? toTag : null, null, false);
  }

  /** The stack dropped the dialog while we still thought it alive. */
  synchronized void dialogTerminated() {
    if (state != State.ENDED) {
      end(CallEnd.FAILED);
    }
  }

  private void notifyMedia(MediaDescription media) {
    try {
      listener.onMedia(ref(), media);
    } catch (RuntimeException e) {
      LOG.warn("onMedia failed for {}", ref(), e);
    }
  }

  private void end(CallEnd why) {
    state = State.ENDED;
    cancel(answerTimer);
    if (!byeOwed) {
      cancel(ackTimer);
    }
    agent.forget(this);
    try {
      listener.onEnded(ref(), why);
    } catch (RuntimeException e) {
      LOG.warn("onEnded failed for {}", ref(), e);
    }
  }

  private static void cancel(ScheduledFuture<?> f) {
    if (f != null) {
      f.cancel(false);
    }
  }
}
