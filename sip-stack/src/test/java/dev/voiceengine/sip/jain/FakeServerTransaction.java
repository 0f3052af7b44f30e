package dev.voiceengine.sip.jain;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * A server transaction that records the responses sent on it (or refuses the statuses {@link #refuse} names), for
 * tests of the jain glue without a stack or a network. The request comes from 127.0.0.1:5062.
 */
final class FakeServerTransaction {
  final Request request;
  final ServerTransaction tx;
  private final List<Response> sent = new ArrayList<>();
  private volatile IntPredicate refused = status -> false;
  private volatile Object applicationData;

  FakeServerTransaction(Request request) {
    this.request = request;
    this.tx = (ServerTransaction) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {ServerTransaction.class}, (proxy, method, args) -> switch (method.getName()) {
          case "getRequest" -> request;
          case "getDialog" -> null;
          case "sendResponse" -> {
            send((Response) args[0]);
            yield null;
          }
          case "setApplicationData" -> {
            applicationData = args[0];
            yield null;
          }
          case "getApplicationData" -> applicationData;
          case "toString" -> "FakeServerTransaction[" + request.getMethod() + "]";
          case "hashCode" -> System.identityHashCode(proxy);
          case "equals" -> proxy == args[0];
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  /** Parses a request written with LF line ends; the body, if any, follows a blank line. */
  static Request parse(String lf) throws ParseException {
    int split = lf.indexOf("\n\n");
    String head = (split < 0 ? lf : lf.substring(0, split)).stripTrailing();
    String body = split < 0 ? "" : lf.substring(split + 2).replace("\n", "\r\n");
    String text = head.replace("\n", "\r\n") + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    Request request = new MessageFactoryImpl().createRequest(text);
    ((SIPMessage) request).setRemoteAddress(InetAddress.getLoopbackAddress());
    ((SIPMessage) request).setRemotePort(5062);
    return request;
  }

  /** A dialog-creating INVITE to {@code user}, with this SDP body (or none when null). */
  static Request invite(String user, String sdp) throws ParseException {
    return parse("INVITE sip:" + user + "@127.0.0.1:5060 SIP/2.0\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + "\n"
        + "Max-Forwards: 70\n"
        + "From: <sip:+15550001111@127.0.0.1:5062>;tag=fake1\n"
        + "To: <sip:" + user + "@127.0.0.1:5060>\n"
        + "Call-ID: " + System.nanoTime() + "@fake\n"
        + "CSeq: 1 INVITE\n"
        + "Contact: <sip:alice@127.0.0.1:5062>\n"
        + (sdp == null ? "" : "Content-Type: application/sdp\n\n" + sdp));
  }

  /** A PCMU offer from 127.0.0.1:49170. */
  static final String PCMU = "v=0\no=alice 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
      + "m=audio 49170 RTP/AVP 0\n";

  RequestEvent event() {
    return new RequestEvent(this, tx, null, request);
  }

  /** From now on, sending a response with a status this matches fails as the stack's would (SipException). */
  void refuse(IntPredicate statuses) {
    refused = statuses;
  }

  private synchronized void send(Response r) throws SipException {
    if (refused.test(r.getStatusCode())) {
      throw new SipException("refused by the test");
    }
    sent.add(r);
    notifyAll();
  }

  synchronized List<Integer> statuses() {
    return sent.stream().map(Response::getStatusCode).toList();
  }

  synchronized Response last() {
    return sent.isEmpty() ? null : sent.get(sent.size() - 1);
  }

  /** The first final response (status 200 or more), waiting for it up to {@code timeout}; null when none came. */
  synchronized Response awaitFinal(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Response r : sent) {
        if (r.getStatusCode() >= 200) {
          return r;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      wait(Math.max(1, left / 1_000_000));
    }
  }
}
