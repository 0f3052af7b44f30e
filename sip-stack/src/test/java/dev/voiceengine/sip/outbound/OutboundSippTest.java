package dev.voiceengine.sip.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.MediaDescription;
import dev.voiceengine.sip.SipCallListener;
import dev.voiceengine.sip.SipSettings;
import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.jain.SipServer;
import dev.voiceengine.testsupport.sip.SippUas;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls placed by a SipServer on 127.0.0.1 to sipp as the far end: each ends with the right outcome and status. */
class OutboundSippTest {
  @TempDir Path tmp;
  private final OutboundEvents events = new OutboundEvents();
  private SipServer server;
  private SippUas uas;

  @BeforeEach
  void start() throws Exception {
    server = new SipServer(new SipSettings("127.0.0.1", 0, List.of("udp"), 10, Duration.ofSeconds(5), Duration.ZERO,
        List.of(new TrunkSettings("in", List.of("10.99.0.0/16"), Map.of("*", "demo"))), "voice-engine/test"),
        new NoInbound());
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (uas != null) {
      uas.close();
    }
    server.close();
  }

  private OutboundInvite invite(String ref, String user, String password, Duration ringTimeout) {
    OutboundTrunk trunk = new OutboundTrunk("out", "127.0.0.1", uas.port(), "udp", user, password, ringTimeout);
    return new OutboundInvite(ref, "+15550001234", "+15559876543", trunk, "127.0.0.1", 41000, null);
  }

  private void assertSippOk() throws Exception {
    assertThat(uas.await()).as("sipp exit\n%s", uas.output()).isZero();
  }

  @Test
  void answeredCallRingsGetsMediaAndEndsWithOurBye() throws Exception {
    uas = SippUas.start(tmp, "uas_answer.xml", Map.of(), "udp", Duration.ofSeconds(30));
    String ref = UUID.randomUUID().toString();
    server.dial(invite(ref, null, null, Duration.ofSeconds(20)), events);

    assertThat(events.await("ringing").detail()).isEqualTo(180);
    MediaDescription media = (MediaDescription) events.await("answered").detail();
    assertThat(media.port()).isEqualTo(uas.mediaPort());
    assertThat(media.encoding()).isEqualTo("PCMU");
    assertThat(server.activeCalls()).isEqualTo(1);

    server.hangup(ref);
    OutboundEnd end = (OutboundEnd) events.await("ended").detail();
    assertThat(end.outcome()).isEqualTo(OutboundEnd.AGENT_HANGUP);
    assertSippOk();
    assertThat(server.activeCalls()).isZero();
  }

  @Test
  void busyIsBusyWith486() throws Exception {
    uas = SippUas.start(tmp, "uas_busy.xml", Map.of(), "udp", Duration.ofSeconds(30));
    String ref = UUID.randomUUID().toString();
    server.dial(invite(ref, null, null, Duration.ofSeconds(20)), events);

    OutboundEnd end = (OutboundEnd) events.await("ended").detail();
    assertThat(end).isEqualTo(new OutboundEnd("busy", 486, "Busy Here"));
    assertSippOk();
  }

  @Test
  void ringTimeoutCancelsAndIsNoAnswer() throws Exception {
    uas = SippUas.start(tmp, "uas_no_answer.xml", Map.of(), "udp", Duration.ofSeconds(30));
    String ref = UUID.randomUUID().toString();
    server.dial(invite(ref, null, null, Duration.ofSeconds(1)), events);

    assertThat(events.await("ringing").detail()).isEqualTo(180);
    OutboundEnd end = (OutboundEnd) events.await("ended").detail();
    assertThat(end.outcome()).isEqualTo(OutboundEnd.NO_ANSWER);
    assertThat(end.sipStatus()).isEqualTo(487);
    assertSippOk();
  }

  @Test
  void hangupWhileRingingCancels() throws Exception {
    uas = SippUas.start(tmp, "uas_no_answer.xml", Map.of(), "udp", Duration.ofSeconds(30));
    String ref = UUID.randomUUID().toString();
    server.dial(invite(ref, null, null, Duration.ofSeconds(20)), events);

    events.await("ringing");
    server.hangup(ref);
    OutboundEnd end = (OutboundEnd) events.await("ended").detail();
    assertThat(end.outcome()).isEqualTo(OutboundEnd.CANCELED);
    assertThat(end.sipStatus()).isEqualTo(487);
    assertSippOk();
  }

  @Test
  void digestChallengeIsAnsweredOnce() throws Exception {
    uas = SippUas.start(tmp, "uas_auth.xml", port -> Map.of("@RESPONSE@", md5(md5("dialer:trunk.test:s3cret")
        + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + md5("INVITE:sip:+15550001234@127.0.0.1:" + port))), "udp",
        Duration.ofSeconds(30));
    String ref = UUID.randomUUID().toString();
    server.dial(invite(ref, "dialer", "s3cret", Duration.ofSeconds(20)), events);

    events.await("answered");
    server.hangup(ref);
    assertThat(((OutboundEnd) events.await("ended").detail()).outcome()).isEqualTo(OutboundEnd.AGENT_HANGUP);
    assertSippOk();
  }

  @Test
  void wrongCredentialsFail() throws Exception {
    uas = SippUas.start(tmp, "uas_auth.xml", port -> Map.of("@RESPONSE@", md5(md5("dialer:trunk.test:s3cret")
        + ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + md5("INVITE:sip:+15550001234@127.0.0.1:" + port))), "udp",
        Duration.ofSeconds(30));
    String ref = UUID.randomUUID().toString();
    server.dial(invite(ref, "dialer", "wrong", Duration.ofSeconds(20)), events);

    OutboundEnd end = (OutboundEnd) events.await("ended").detail();
    assertThat(end.outcome()).isEqualTo(OutboundEnd.FAILED);
    assertThat(end.sipStatus()).isEqualTo(403);
  }

  @Test
  void referWithNotifiesTransfersAndHangsUp() throws Exception {
    uas = SippUas.start(tmp, "uas_refer.xml", Map.of("@FINAL@", "SIP/2.0 200 OK"), "udp", Duration.ofSeconds(30));
    String ref = UUID.randomUUID().toString();
    server.dial(invite(ref, null, null, Duration.ofSeconds(20)), events);
    events.await("answered");

    server.transfer(ref, "+15550002222", events);
    assertThat(events.awaitTransfer(TransferState.ACCEPTED).status()).isEqualTo(202);
    assertThat(events.awaitTransfer(TransferState.TRYING).status()).isEqualTo(100);
    assertThat(events.awaitTransfer(TransferState.SUCCEEDED).status()).isEqualTo(200);
    OutboundEnd end = (OutboundEnd) events.await("ended").detail();
    assertThat(end.outcome()).isEqualTo(OutboundEnd.TRANSFERRED);
    assertSippOk();
  }

  /** RFC 2617 §3.2.2 digest parts, computed here independently of the code under test. */
  private static String md5(String s) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
          .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inbound calls are not part of these tests. */
  private static final class NoInbound implements SipCallListener {
    @Override
    public LocalMedia onInvite(dev.voiceengine.sip.InboundCall call) {
      return new LocalMedia("127.0.0.1", 40000);
    }

    @Override
    public void onRejected(dev.voiceengine.sip.InboundCall call, int status, String reason) {}

    @Override
    public void onMedia(String ref, MediaDescription media) {}

    @Override
    public void onConfirmed(String ref) {}

    @Override
    public void onEnded(String ref, dev.voiceengine.sip.CallEnd end) {}
  }
}
