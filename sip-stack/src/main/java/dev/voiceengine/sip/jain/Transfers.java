package dev.voiceengine.sip.jain;

import dev.voiceengine.sip.outbound.SipFrag;
import dev.voiceengine.sip.outbound.TransferListener;
import dev.voiceengine.sip.outbound.TransferState;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blind transfers of answered calls, inbound or outbound: the REFER (RFC 3515 §2.1), its 202, and the NOTIFYs whose
 * message/sipfrag bodies (RFC 3515 §2.4.5, RFC 3420) say how the new call goes. A final 2xx there means the far end is
 * with the target: we end our leg with BYE (through {@code hangup}), the call's outcome transferred. One transfer per
 * call at a time, found by the dialog's Call-ID.
 */
final class Transfers {
  private static final Logger LOG = LoggerFactory.getLogger(Transfers.class);

  private final OutboundRequests requests;
  private final SipResponder responder;
  private final Map<String, Transfer> byCallId = new ConcurrentHashMap<>();
  private volatile SipProvider provider;

  Transfers(OutboundRequests requests, SipResponder responder) {
    this.requests = requests;
    this.responder = responder;
  }

  void use(SipProvider provider) {
    this.provider = provider;
  }

  /** Sends REFER in {@code dialog}; {@code hangup} ends our leg when the transfer succeeds. */
  void refer(String ref, Dialog dialog, String transport, String target, String referTo, TransferListener listener,
      Consumer<String> hangup) {
    String callId = dialog.getCallId().getCallId();
    Transfer t = new Transfer(ref, target, listener, hangup);
    if (byCallId.putIfAbsent(callId, t) != null) {
      throw new IllegalStateException("a transfer of this call is already under way");
    }
    try {
      ClientTransaction ct = provider.getNewClientTransaction(requests.refer(dialog, referTo, transport));
      ct.setApplicationData(t);
      t.report(TransferState.REQUESTED, 0, "");
      dialog.sendRequest(ct);
    } catch (Exception e) {
      byCallId.remove(callId, t);
      t.report(TransferState.FAILED, 0, "cannot send REFER: " + e.getMessage());
    }
  }

  /** The REFER's response: true when it was one. */
  boolean onResponse(ResponseEvent event) {
    ClientTransaction ct = event.getClientTransaction();
    if (ct == null || !(ct.getApplicationData() instanceof Transfer t)) {
      return false;
    }
    int status = event.getResponse().getStatusCode();
    if (status >= 200 && status < 300) {
      t.report(TransferState.ACCEPTED, status, event.getResponse().getReasonPhrase());
    } else if (status >= 300) {
      finish(ct.getDialog(), t, TransferState.FAILED, status, event.getResponse().getReasonPhrase());
    }
    return true;
  }

  boolean onTimeout(TimeoutEvent event) {
    ClientTransaction ct = event.getClientTransaction();
    if (ct == null || !(ct.getApplicationData() instanceof Transfer t)) {
      return false;
    }
    finish(ct.getDialog(), t, TransferState.FAILED, 408, "no response to REFER");
    return true;
  }

  /** A NOTIFY: 200 and progress when it reports on a transfer of ours, else 481 (RFC 6665 §4.1.3). */
  void onNotify(Request notify, Dialog dialog, ServerTransaction tx) {
    Transfer t = dialog == null ? null : byCallId.get(dialog.getCallId().getCallId());
    responder.respond(tx, t != null ? 200 : 481, null, null, null, false);
    if (t == null) {
      return;
    }
    Optional<SipFrag> frag = SipFrag.parse(SipMessages.body(notify));
    SubscriptionStateHeader sub = (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
    boolean terminated = sub != null && SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(sub.getState());
    if (frag.isPresent() && frag.get().state().isFinal()) {
      finish(dialog, t, frag.get().state(), frag.get().status(), frag.get().reason());
    } else if (frag.isPresent()) {
      t.report(frag.get().state(), frag.get().status(), frag.get().reason());
    }
    if (terminated && byCallId.get(dialog.getCallId().getCallId()) == t) {
      finish(dialog, t, TransferState.FAILED, 0, "the subscription ended without a final answer");
    }
  }

  private void finish(Dialog dialog, Transfer t, TransferState state, int status, String reason) {
    if (dialog != null && !byCallId.remove(dialog.getCallId().getCallId(), t)) {
      return;
    }
    t.report(state, status, reason);
    if (state == TransferState.SUCCEEDED) {
      t.hangup.accept(t.ref);
    }
  }

  private record Transfer(String ref, String target, TransferListener listener, Consumer<String> hangup) {
    void report(TransferState state, int status, String reason) {
      try {
        listener.onProgress(ref, target, state, status, reason == null ? "" : reason);
      } catch (RuntimeException e) {
        LOG.warn("transfer listener failed for {}", ref, e);
      }
    }
  }
}
