package dev.voiceengine.sip.jain;

import gov.nist.javax.sip.message.SIPRequest;
import java.text.ParseException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The server transaction of a request the stack handed us without one (jain-sip leaves that to the listener). */
final class ServerTransactions {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTransactions.class);

  private ServerTransactions() {}

  /** The request's server transaction, created if the stack did not; null for a retransmission. */
  static ServerTransaction of(RequestEvent event, SipResponder responder) {
    ServerTransaction tx = event.getServerTransaction();
    if (tx != null) {
      return tx;
    }
    Request request = event.getRequest();
    try {
      return ((SipProvider) event.getSource()).getNewServerTransaction(request);
    } catch (TransactionAlreadyExistsException e) {
      return null;
    } catch (SipException | RuntimeException e) {
      // jain-sip parses a request with a broken non-essential header (Max-Forwards, Contact, ...) by dropping that
      // header, hands it to us, and then refuses it a transaction: answer 400 statelessly, saying what is missing.
      String problem = e.getMessage();
      try {
        ((SIPRequest) request).checkHeaders();
      } catch (ParseException bad) {
        problem = bad.getMessage();
      }
      LOG.debug("no server transaction for {}: {}", request.getMethod(), problem);
      responder.respondStateless((SipProvider) event.getSource(), request, 400,
          "Bad Request - " + (problem == null ? "malformed" : problem));
      return null;
    }
  }
}
