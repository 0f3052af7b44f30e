package dev.voiceengine.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalSdpTest {
  private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n"
      + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n";

  @Test
  void versionGoesUpOnlyWhenTheDescriptionChanges() throws Exception {
    LocalSdp local = new LocalSdp(77, 1);
    Sdp offer = SdpParser.parse(OFFER);
    Sdp hold = SdpParser.parse(OFFER + "a=sendonly\r\n");

    String first = local.answer(offer, SdpNegotiator.answer(offer, null), "192.0.2.10", 30000);
    assertThat(first).contains("o=- 77 1 IN IP4 192.0.2.10\r\n");
    assertThat(local.answer(offer, SdpNegotiator.answer(offer, null), "192.0.2.10", 30000)).isEqualTo(first);
    assertThat(local.version()).isEqualTo(1);

    String held = local.answer(hold, SdpNegotiator.answer(hold, Codec.PCMU), "192.0.2.10", 30000);
    assertThat(held).contains("o=- 77 2 IN IP4").contains("a=recvonly\r\n");
    String resumed = local.answer(offer, SdpNegotiator.answer(offer, Codec.PCMU), "192.0.2.10", 30000);
    assertThat(resumed).contains("o=- 77 3 IN IP4").contains("a=sendrecv\r\n");
    assertThat(local.answer(offer, SdpNegotiator.answer(offer, Codec.PCMU), "192.0.2.10", 30002))
        .contains("o=- 77 4 IN IP4").contains("m=audio 30002 ");
  }

  @Test
  void offerListsBothCodecsTheChosenFirstAndTelephoneEvent() {
    LocalSdp local = new LocalSdp(5, 1);
    assertThat(local.offer("192.0.2.10", 30000, Codec.PCMU)).isEqualTo("v=0\r\n"
        + "o=- 5 1 IN IP4 192.0.2.10\r\n"
        + "s=-\r\n"
        + "c=IN IP4 192.0.2.10\r\n"
        + "t=0 0\r\n"
        + "m=audio 30000 RTP/AVP 0 8 101\r\n"
        + "a=rtpmap:0 PCMU/8000\r\n"
        + "a=rtpmap:8 PCMA/8000\r\n"
        + "a=rtpmap:101 telephone-event/8000\r\n"
        + "a=fmtp:101 0-16\r\n"
        + "a=ptime:20\r\n"
        + "a=sendrecv\r\n");
    assertThat(local.offer("192.0.2.10", 30000, Codec.PCMA)).contains("o=- 5 2 IN")
        .contains("m=audio 30000 RTP/AVP 8 0 101\r\n");
  }

  @Test
  void offerParsesBackAsAnOfferWeCanAnswer() throws Exception {
    String offer = new LocalSdp(5, 1).offer("192.0.2.10", 30000, Codec.PCMU);
    Negotiation n = SdpNegotiator.answer(SdpParser.parse(offer), null);
    assertThat(n.codec()).isEqualTo(Codec.PCMU);
    assertThat(n.remote().port()).isEqualTo(30000);
    assertThat(n.remote().telephoneEventPayloadType()).isEqualTo(101);
  }
}
