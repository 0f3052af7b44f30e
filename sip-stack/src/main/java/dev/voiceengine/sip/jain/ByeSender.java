package dev.voiceengine.sip.jain;

import java.text.ParseException;
import java.util.concurrent.atomic.AtomicBoolean;
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
    ClientTransaction ct = null;
    try {
      ct = provider.getNewClientTransaction(responder.bye(d.dialog, d.transport));
      ct.setApplicationData(new Pending());
      inFlight.incrementAndGet();
      d.dialog.sendRequest(ct);
    } catch (SipException | ParseException | RuntimeException e) {
      settled(ct); // it never left, so close() must not wait for its response
      LOG.info("cannot send BYE for {}: {}", d.ref(), e.toString());
    }
  }

  /**
   * A client transaction got its final response, timed out, ended, or could not be sent: if it was one of our BYEs,
   * it stops counting. Once per BYE, whichever of the stack's events and our own failure path comes first.
   */
  void settled(ClientTransaction ct) {
    if (ct != null && ct.getApplicationData() instanceof Pending p && p.compareAndSet(false, true)) {
      inFlight.decrementAndGet();
    }
  }

  /** No BYE of ours is waiting for its final response. */
  boolean idle() {
    return inFlight.get() == 0;
  }

  /** The mark of a BYE transaction of ours; set once it has stopped counting. */
  private static final class Pending extends AtomicBoolean {
    private static final long serialVersionUID = 1L;
  }
}
