package dev.voiceengine.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpParserTest {
  private static final String GOOD = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\n"
      + "m=audio 4000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";

  @Test
  void readsWhatNegotiationNeeds() throws Exception {
    Sdp sdp = SdpParser.parse(GOOD);
    assertThat(sdp.origin()).isEqualTo(new Sdp.Origin("-", "1", "1", "IP4", "198.51.100.1"));
    assertThat(sdp.connection()).isEqualTo(new Sdp.Connection("IP4", "198.51.100.1"));
    Sdp.Media m = sdp.media().get(0);
    assertThat(m.type()).isEqualTo("audio");
    assertThat(m.port()).isEqualTo(4000);
    assertThat(m.proto()).isEqualTo("RTP/AVP");
    assertThat(m.formats()).containsExactly("0", "101");
    assertThat(m.rtpMap(101)).contains(new Sdp.RtpMap(101, "telephone-event", 8000, 1));
    assertThat(m.rtpMap(8)).contains(new Sdp.RtpMap(8, "PCMA", 8000, 1)); // static, no a=rtpmap needed
    assertThat(m.rtpMap(96)).isEmpty();
    assertThat(sdp.directionOf(m)).isEqualTo("sendrecv");
    assertThat(sdp.ptimeOf(m, 20)).isEqualTo(20);
  }

  @Test
  void toleratesWhatRealPeersSend() throws Exception {
    Sdp sdp = SdpParser.parse("v=0\n"                       // bare LF
        + "o=SBC 1234567890123456789012 2 IN IP4 sbc.example.net\n" // ids longer than a long
        + "s= \n"
        + "i=session info\n"
        + "c=IN IP4 224.2.1.1/127\n"                       // multicast TTL
        + "b=AS:64\n"
        + "t=0 0\n"
        + "a=ptime:30\n"                                    // session-level ptime
        + "m=audio 4000/2 RTP/AVP 0\n"                      // port count
        + "c=IN IP4 media.example.net\n"                    // host name
        + "a=ptime:20.0\n"                                  // decimal ptime
        + "a=X-custom-attribute:whatever value\n"
        + "m=video 0 RTP/AVP 96\n"                          // disabled, no c= of its own needed
        + "\n\n");                                          // trailing blank lines
    assertThat(sdp.connection().address()).isEqualTo("224.2.1.1");
    assertThat(sdp.media()).hasSize(2);
    assertThat(sdp.connectionFor(sdp.media().get(0)).address()).isEqualTo("media.example.net");
    assertThat(sdp.ptimeOf(sdp.media().get(0), 20)).isEqualTo(20);
    assertThat(sdp.ptimeOf(sdp.media().get(1), 20)).isEqualTo(30);
  }

  @Test
  void unusablePtimeFallsBackToTheDefault() throws Exception {
    Sdp sdp = SdpParser.parse(GOOD + "a=ptime:soon\r\n");
    assertThat(sdp.ptimeOf(sdp.media().get(0), 20)).isEqualTo(20);
  }

  @Test
  void ipv6Connection() throws Exception {
    Sdp sdp = SdpParser.parse(GOOD.replace("c=IN IP4 198.51.100.1", "c=IN IP6 2001:db8::1"));
    assertThat(sdp.connection()).isEqualTo(new Sdp.Connection("IP6", "2001:db8::1"));
  }

  /** Each row: an SDP body ("~" for CRLF) | the message the parser must give. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "|empty SDP",
      "   |empty SDP",
      "o=- 1 1 IN IP4 1.2.3.4|first line is not v=",
      "v=1|unsupported SDP version v=1",
      "v=0~s=-|missing o= line",
      "v=0~o=- 1 IN IP4 1.2.3.4|line 2: o= needs 6 fields",
      "v=0~o=- x 1 IN IP4 1.2.3.4|line 2: o= session id and version must be numbers",
      "v=0~o=- 1 1 XX IP4 1.2.3.4|line 2: o= network type is not IN",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~o=- 1 1 IN IP4 1.2.3.4|line 3: misplaced o= line",
      "v=0~v=0|line 2: second v= line",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~c=IN IP4 999.1.1.1|line 3: c= address is not an IPv4 address",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~c=IN IP4|line 3: c= needs 3 fields",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~c=IN IP5 1.2.3.4|line 3: c= address type is not IP4 or IP6",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~c=IN IP6 ::g|line 3: c= address is not an IPv6 address",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~m=audio 4000 RTP/AVP|line 3: m= needs media, port, protocol and formats",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~m=audio 70000 RTP/AVP 0|line 3: m= port is not a port number",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~m=audio x RTP/AVP 0|line 3: m= port is not a port number",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~m=audio 4000 RTP/AVP PCMU|line 3: m= RTP payload type PCMU is not 0-127",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~m=audio 4000 RTP/AVP 128|line 3: m= RTP payload type 128 is not 0-127",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~m=audio 4000 RTP/AVP 0|no c= line for m=audio (stream 1)",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~c=IN IP4 1.2.3.4~m=audio 4000 RTP/AVP 0~a=rtpmap:0 PCMU|"
          + "line 5: bad a=rtpmap",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~c=IN IP4 1.2.3.4~m=audio 4000 RTP/AVP 0~a=rtpmap:0 PCMU/0|"
          + "line 5: bad a=rtpmap",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~c=IN IP4 1.2.3.4~m=audio 4000 RTP/AVP 0~a=:x|"
          + "line 5: a= attribute name is not a token",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~hello|line 3: not a <type>=<value> line",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~X=1|line 3: not a <type>=<value> line",
      "v=0~o=- 1 1 IN IP4 1.2.3.4~s=a\u0000b|line 3: control character",
  })
  void saysWhatIsWrong(String text, String message) {
    // "~" stands for CRLF: CSV rows cannot hold line breaks
    String sdp = text == null ? "" : text.replace("~", "\r\n");
    assertThatThrownBy(() -> SdpParser.parse(sdp))
        .isInstanceOf(SdpParseException.class)
        .hasMessage(message);
  }

  @Test
  void refusesHugeBodies() {
    assertThatThrownBy(() -> SdpParser.parse(GOOD + "a=x:" + "y".repeat(SdpParser.MAX_LENGTH)))
        .isInstanceOf(SdpParseException.class)
        .hasMessageContaining("longer than");
  }
}
