package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.MediaDescription;
import dev.voiceengine.sip.outbound.FinalResponses;
import dev.voiceengine.sip.outbound.OutboundCallListener;
import dev.voiceengine.sip.outbound.OutboundEnd;
import dev.voiceengine.sip.outbound.OutboundInvite;
import dev.voiceengine.sip.sdp.LocalSdp;
import dev.voiceengine.sip.sdp.SdpNegotiator;
import dev.voiceengine.sip.sdp.SdpParser;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.message.Request;
import javax.sip.message.Response;
import javax.sip.header.CSeqHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call we placed, and every transition of it: CALLING (INVITE out) → RINGING (a provisional came) → ANSWERED
 * (2xx ACKed) → ENDED. Synchronized on the instance, so the stack's threads, the ring timer and hang-ups take turns,
 * and the listener's callbacks never overlap; nothing follows onEnded.
 */
final class OutboundDialog {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundDialog.class);

  enum State { CALLING, RINGING, ANSWERED, ENDED }

  private final OutboundCalls calls;
  private final OutboundCallListener listener;
  final OutboundInvite call;
  final String sipCallId;
  final InetAddress peer;
  final LocalSdp localSdp;
  private State state = State.CALLING;
  private Request invite;
  private ClientTransaction inviteTx;
  private Dialog dialog;
  private boolean challenged;
  /** Why we cancel (no_answer on the ring timeout, else the hang-up's outcome); null while we do not. */
  private String cancelOutcome;
  private boolean cancelSent;
  private ScheduledFuture<?> ringTimer;

  OutboundDialog(OutboundCalls calls, OutboundCallListener listener, OutboundInvite call, String sipCallId,
      InetAddress peer, LocalSdp localSdp) {
    this.calls = calls;
    this.listener = listener;
    this.call = call;
    this.sipCallId = sipCallId;
    this.peer = peer;
    this.localSdp = localSdp;
  }

  String ref() {
    return call.ref();
  }

  synchronized State state() {
    return state;
  }

  synchronized Dialog dialog() {
    return dialog;
  }

  /** The INVITE went out on {@code tx}; the ring timer starts. */
  synchronized void sent(Request request, ClientTransaction tx) {
    invite = request;
    inviteTx = tx;
    if (tx.getDialog() != null) {
      dialog = tx.getDialog();
      dialog.setApplicationData(this);
    }
    if (ringTimer == null) {
      ringTimer = calls.schedule(() -> cancel(OutboundEnd.NO_ANSWER), call.trunk().ringTimeout());
      listener.onDialing(ref(), sipCallId);
    }
  }

  /** A response to our INVITE (any of its attempts). */
  synchronized void response(Response response, ClientTransaction tx, Dialog responseDialog) {
    int status = response.getStatusCode();
    if (status >= 200 && status < 300) {
      answered(response, responseDialog != null ? responseDialog : dialog);
      return;
    }
    if (state == State.ENDED || (tx != null && tx != inviteTx)) {
      return; // an earlier attempt's late response
    }
    if (status < 200) {
      if (state == State.CALLING) {
        state = State.RINGING;
      }
      if (cancelOutcome != null) {
        sendCancel(); // RFC 3261 §9.1: not before a provisional response
      } else {
        listener.onRinging(ref(), status);
      }
      return;
    }
    if ((status == 401 || status == 407) && !challenged && call.trunk().username() != null
        && cancelOutcome == null) {
      challenged = true;
      ClientTransaction next = calls.resendWithCredentials(this, invite, response);
      if (next != null) {
        state = State.CALLING;
        return;
      }
    }
    OutboundEnd end = FinalResponses.end(status, response.getReasonPhrase());
    if (status == 487 && cancelOutcome != null) {
      end = new OutboundEnd(cancelOutcome.equals(OutboundEnd.NO_ANSWER) ? OutboundEnd.NO_ANSWER
          : OutboundEnd.CANCELED, status, response.getReasonPhrase());
    } else if (status == 401 || status == 407) {
      end = new OutboundEnd(OutboundEnd.FAILED, status, response.getReasonPhrase()
          + (challenged ? " (credentials refused)" : " (no usable credentials)"));
    }
    end(end);
  }

  private void answered(Response response, Dialog d) {
    dialog = d;
    long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
    if (!calls.ack(this, d, cseq)) {
      end(new OutboundEnd(OutboundEnd.FAILED, response.getStatusCode(), "could not send the ACK"));
      return;
    }
    if (state == State.ANSWERED) {
      return; // a retransmitted 2xx: ACKed again
    }
    if (state == State.ENDED || cancelOutcome != null) {
      calls.bye(this); // answered as we gave up on it (RFC 3261 §9.1: the CANCEL came too late)
      if (state != State.ENDED) {
        end(OutboundEnd.of(cancelOutcome.equals(OutboundEnd.NO_ANSWER) ? OutboundEnd.NO_ANSWER : cancelOutcome));
      }
      return;
    }
    MediaDescription media;
    try {
      byte[] raw = response.getRawContent();
      String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
      media = SdpNegotiator.acceptAnswer(SdpParser.parse(body), localSdp.audioIndex(), "sendrecv").remote();
    } catch (Exception e) {
      LOG.info("call {}: unusable SDP answer: {}", ref(), e.getMessage());
      calls.bye(this);
      end(new OutboundEnd(OutboundEnd.FAILED, response.getStatusCode(), "unusable SDP answer: " + e.getMessage()));
      return;
    }
    state = State.ANSWERED;
    cancelTimer();
    listener.onAnswered(ref(), media);
  }

  /** Ends the call from our side: BYE when answered, CANCEL while it rings (the end is reported with its 487). */
  synchronized void hangup(String outcome) {
    switch (state) {
      case ANSWERED -> {
        calls.bye(this);
        end(OutboundEnd.of(outcome));
      }
      case CALLING, RINGING -> cancel(outcome);
      case ENDED -> { }
    }
  }

  /** Shutting down: CANCEL or BYE, and reported as ended at once. */
  synchronized void shutdown() {
    if (state == State.ENDED) {
      return;
    }
    if (state == State.ANSWERED) {
      calls.bye(this);
    } else {
      cancelOutcome = OutboundEnd.SHUTDOWN;
      if (state == State.RINGING) {
        sendCancel();
      }
    }
    end(OutboundEnd.of(OutboundEnd.SHUTDOWN));
  }

  synchronized void remoteBye() {
    if (state != State.ENDED) {
      end(OutboundEnd.of(OutboundEnd.CALLER_HANGUP));
    }
  }

  /** Our INVITE (or the CANCEL) got no response in time. */
  synchronized void timedOut() {
    if (state == State.CALLING || state == State.RINGING) {
      end(cancelOutcome != null ? OutboundEnd.of(cancelOutcome)
          : new OutboundEnd(OutboundEnd.FAILED, 408, "no response from the trunk"));
    }
  }

  private void cancel(String outcome) {
    synchronized (this) {
      if (state != State.CALLING && state != State.RINGING || cancelOutcome != null) {
        return;
      }
      cancelOutcome = outcome;
      if (state == State.RINGING) {
        sendCancel();
      }
    }
  }

  private void sendCancel() {
    if (!cancelSent) {
      cancelSent = true;
      if (!calls.cancel(this, inviteTx)) {
        end(OutboundEnd.of(cancelOutcome));
      }
    }
  }

  /** The call as it was when it ended: the SIP side forgets it, the listener hears once. */
  private void end(OutboundEnd end) {
    if (state == State.ENDED) {
      return;
    }
    state = State.ENDED;
    cancelTimer();
    calls.forget(this);
    try {
      listener.onEnded(ref(), end);
    } catch (RuntimeException e) {
      LOG.warn("onEnded failed for {}", ref(), e);
    }
  }

  private void cancelTimer() {
    if (ringTimer != null) {
      ringTimer.cancel(false);
    }
  }
}
