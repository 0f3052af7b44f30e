package dev.voiceengine.sip.jain;

import java.text.ParseException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends our BYEs in their dialogs and counts those still without a final response, so that close() can give them a
 * bounded moment before the stack stops.
 */
final class ByeSender {
  private static final Logger LOG = LoggerFactory.getLogger(ByeSender.class);

  private final SipResponder responder;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile SipProvider provider;

  ByeSender(SipResponder responder) {
    this.responder = responder;
  }

  /** The provider BYEs go out on, once the stack runs. */
  void use(SipProvider provider) {
    this.provider = provider;
  }

  void send(InboundDialog d) {
    try {
      ClientTransaction ct = provider.getNewClientTransaction(responder.bye(d.dialog, d.transport));
      inFlight.incrementAndGet();
      ct.setApplicationData(Boolean.TRUE);
      d.dialog.sendRequest(ct);
    } catch (SipException | ParseException | RuntimeException e) {
      LOG.info("cannot send BYE for {}: {}", d.ref(), e.toString());
    }
  }

  /** A client transaction got its final response, timed out or ended: if it was one of our BYEs, it is settled. */
  void settled(ClientTransaction ct) {
    if (ct != null && Boolean.TRUE.equals(ct.getApplicationData())) {
      ct.setApplicationData(null);
      inFlight.decrementAndGet();
    }
  }

  /** No BYE of ours is waiting for its final response. */
  boolean idle() {
    return inFlight.get() == 0;
  }
}
