package dev.voiceengine.sip.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.sdp.Codec;
import dev.voiceengine.sip.trunk.TrunkRouter;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InviteScreeningTest {
  private static final String SDP = "application/sdp";
  private static final String PCMU = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
      + "m=audio 4000 RTP/AVP 0\r\n";
  private static final String G729 = PCMU.replace("RTP/AVP 0", "RTP/AVP 18");
  private static final String BROKEN = "v=0\r\nnot sdp\r\n";

  private static final TrunkSettings CARRIER = new TrunkSettings("carrier", List.of("10.0.0.0/8"),
      Map.of("+15551230000", "sales"));
  private final InviteScreening screening = new InviteScreening(new TrunkRouter(List.of(CARRIER)), 2);

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void theTrunkIsFoundByTheSourceAndAnUnknownSourceHasNone() throws Exception {
    assertThat(screening.trunkFor(ip("10.1.1.1"))).contains(CARRIER);
    assertThat(screening.trunkFor(ip("192.0.2.1"))).isEmpty();
  }

  @Test
  void capacityComesBeforeRouting() throws Exception {
    Verdict v = screening.screen(CARRIER, "nobody", 2, SDP, BROKEN);
    assertThat(v).isInstanceOfSatisfying(Verdict.Rejected.class, r -> {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.trunkId()).isEqualTo("carrier");
      assertThat(r.agentId()).isNull();
    });
  }

  @Test
  void routingComesBeforeSdp() throws Exception {
    Verdict v = screening.screen(CARRIER, "nobody", 1, SDP, BROKEN);
    assertThat(v).isInstanceOfSatisfying(Verdict.Rejected.class, r -> {
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.reason()).contains("nobody", "carrier");
    });
  }

  @Test
  void brokenSdpIs400WithAPhraseSayingWhy() throws Exception {
    Verdict v = screening.screen(CARRIER, "+15551230000", 0, SDP, BROKEN);
    assertThat(v).isInstanceOfSatisfying(Verdict.Rejected.class, r -> {
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.phrase()).isEqualTo("Bad SDP: line 2: not a <type>=<value> line");
      assertThat(r.agentId()).isEqualTo("sales");
    });
  }

  @Test
  void noCommonCodecIs488() throws Exception {
    Verdict v = screening.screen(CARRIER, "+15551230000", 0, SDP, G729);
    assertThat(v).isInstanceOfSatisfying(Verdict.Rejected.class, r -> assertThat(r.status()).isEqualTo(488));
  }

  @Test
  void acceptedWithTheNegotiatedOffer() throws Exception {
    Verdict v = screening.screen(CARRIER, "+15551230000", 1, "Application/SDP; charset=utf-8", PCMU);
    assertThat(v).isInstanceOfSatisfying(Verdict.Accepted.class, a -> {
      assertThat(a.trunkId()).isEqualTo("carrier");
      assertThat(a.agentId()).isEqualTo("sales");
      assertThat(a.negotiation().codec()).isEqualTo(Codec.PCMU);
      assertThat(a.negotiation().remote().address()).isEqualTo("10.0.0.1");
    });
  }

  @Test
  void noBodyIsADelayedOffer() throws Exception {
    Verdict v = screening.screen(CARRIER, "+15551230000", 0, null, null);
    assertThat(v).isInstanceOfSatisfying(Verdict.Accepted.class, a -> {
      assertThat(a.offer()).isNull();
      assertThat(a.negotiation()).isNull();
    });
  }

  @Test
  void aBodyThatIsNotSdpIs415() throws Exception {
    Verdict v = screening.screen(CARRIER, "+15551230000", 0, "multipart/mixed", PCMU);
    assertThat(v).isInstanceOfSatisfying(Verdict.Rejected.class, r -> assertThat(r.status()).isEqualTo(415));
  }

  @Test
  void anOfferBeyondTheSdpLimitsIs488SayingWhy() throws Exception {
    String hostile = PCMU.replace("RTP/AVP 0", "RTP/AVP" + " 0".repeat(15_000))
        + "a=rtpmap:1 X/8000\r\n".repeat(1_600);
    Verdict v = screening.screen(CARRIER, "+15551230000", 0, SDP, hostile);
    assertThat(v).isInstanceOfSatisfying(Verdict.Rejected.class, r -> {
      assertThat(r.status()).isEqualTo(488);
      assertThat(r.phrase()).isEqualTo("Not Acceptable Here: line 6: m= line has 15000 formats, more than 64");
      assertThat(r.agentId()).isEqualTo("sales");
    });
  }

  @Test
  void admitCountsAgainForWhatScreeningAccepted() throws Exception {
    Verdict.Accepted accepted = (Verdict.Accepted) screening.screen(CARRIER, "+15551230000", 0, SDP, PCMU);
    assertThat(screening.admit(accepted, 1)).isSameAs(accepted);
    assertThat(screening.admit(accepted, 2)).isInstanceOfSatisfying(Verdict.Rejected.class, r -> {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.trunkId()).isEqualTo("carrier");
      assertThat(r.agentId()).isEqualTo("sales");
      assertThat(r.offer()).isEqualTo(accepted.negotiation().remote());
    });
  }
}
