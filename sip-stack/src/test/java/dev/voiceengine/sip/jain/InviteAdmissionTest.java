package dev.voiceengine.sip.jain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.CallRejectedException;
import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.SipSettings;
import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.inbound.InviteScreening;
import dev.voiceengine.sip.trunk.TrunkRouter;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.SIPMessage;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.header.ServerHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** {@link InviteAdmission} on parsed requests and fake transactions: what it does under the admission lock. */
class InviteAdmissionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SipSettings settings = new SipSettings("127.0.0.1", 0, List.of("udp"), 1, Duration.ofSeconds(30),
      Duration.ZERO, List.of(new TrunkSettings("local", List.of("127.0.0.0/8"), Map.of("*", "demo"))), "test");
  /** Refuses every call it is offered, so that an admission shows as "invite" without answering anything. */
  private final CallLog log = new CallLog() {
    @Override
    public LocalMedia onInvite(InboundCall call) throws CallRejectedException {
      super.onInvite(call);
      throw new CallRejectedException(486, "busy");
    }
  };
  private final LiveDialogs dialogs = new LiveDialogs();
  private final SipResponder responder = new SipResponder("test", 30, "127.0.0.1", () -> 5060);
  private final AtomicInteger closingChecks = new AtomicInteger();
  /** How many of admission's "closing?" checks answer false: from then on, the server is closing. */
  private volatile int openChecks = Integer.MAX_VALUE;
  private final InviteAdmission admission = new InviteAdmission(new JainSipAgent(settings, log, Duration.ofSeconds(32)),
      log, responder, new InviteScreening(new TrunkRouter(settings.trunks()), settings.maxCalls()), dialogs,
      () -> closingChecks.incrementAndGet() > openChecks);

  /** The ~60 KB offer of ~15,000 formats and ~1,600 rtpmap lines that once stalled every other INVITE. */
  private static String hostileOffer() {
    return FakeServerTransaction.PCMU.replace("RTP/AVP 0", "RTP/AVP" + " 0".repeat(15_000))
        + "a=rtpmap:1 X/8000\n".repeat(1_600);
  }

  @Test
  void screeningAndNegotiationRunWithoutTheAdmissionLock() throws Exception {
    FakeServerTransaction invite = new FakeServerTransaction(FakeServerTransaction.invite("5551234", hostileOffer()));
    Thread admitting = new Thread(() -> admission.admit(invite.event(), invite.tx));
    Response response;
    synchronized (dialogs.lock()) {
      // another INVITE is being counted and added: this one's SDP is parsed and refused all the same
      admitting.start();
      response = invite.awaitFinal(WAIT);
    }
    admitting.join();
    assertThat(response).as("a final response while the lock was held elsewhere").isNotNull();
    assertThat(response.getStatusCode()).isEqualTo(488);
    assertThat(response.getReasonPhrase()).startsWith("Not Acceptable Here: line 6: m= line has 15000 formats");
    assertThat(log.lines()).containsExactly("rejected 488");
  }

  /** close() began after the INVITE passed the first check: the check under the lock catches it, and no call starts. */
  @Test
  void anInviteAdmittedWhileCloseBeginsGets503AndNoCall() throws Exception {
    openChecks = 1;
    FakeServerTransaction invite = new FakeServerTransaction(FakeServerTransaction.invite("5551234",
        FakeServerTransaction.PCMU));
    admission.admit(invite.event(), invite.tx);
    assertThat(closingChecks).hasValue(2);
    assertThat(invite.statuses()).containsExactly(100, 503);
    assertThat(dialogs.size()).isZero();
    assertThat(log.lines()).isEmpty();
  }

  /** A stranger learns nothing: not even 100 Trying, nor which extensions we lack. */
  @Test
  void anInviteFromNoTrunkGetsOnly403EvenWhenItRequiresAnExtension() throws Exception {
    Request request = FakeServerTransaction.invite("5551234", FakeServerTransaction.PCMU);
    request.addHeader(new HeaderFactoryImpl().createRequireHeader("100rel"));
    ((SIPMessage) request).setPeerPacketSourceAddress(InetAddress.getByName("192.0.2.1"));
    FakeServerTransaction invite = new FakeServerTransaction(request);
    admission.admit(invite.event(), invite.tx);
    assertThat(invite.statuses()).containsExactly(403);
    assertThat(invite.last().getReasonPhrase()).isEqualTo("Forbidden (source not allowed)");
    assertThat(invite.last().getHeader(ServerHeader.NAME)).isNull();
    assertThat(closingChecks).hasValue(0);
    assertThat(dialogs.size()).isZero();
    assertThat(log.lines()).isEmpty();
  }

  @Test
  void aTrunkSourceGets100ThenTheExtensionRefusal() throws Exception {
    Request request = FakeServerTransaction.invite("5551234", FakeServerTransaction.PCMU);
    request.addHeader(new HeaderFactoryImpl().createRequireHeader("100rel"));
    FakeServerTransaction invite = new FakeServerTransaction(request);
    admission.admit(invite.event(), invite.tx);
    assertThat(invite.statuses()).containsExactly(100, 420);
    assertThat(log.lines()).isEmpty();
  }
}
