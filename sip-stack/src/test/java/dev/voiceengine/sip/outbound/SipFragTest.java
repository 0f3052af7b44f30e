package dev.voiceengine.sip.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** message/sipfrag status lines as REFER's NOTIFYs carry them (RFC 3420, RFC 3515 §2.4.5). */
class SipFragTest {
  @Test
  void readsTheStatusLineAndIgnoresHeaders() {
    assertThat(SipFrag.parse("SIP/2.0 100 Trying\r\n")).contains(new SipFrag(100, "Trying"));
    assertThat(SipFrag.parse("SIP/2.0 200 OK\r\nContact: <sip:x@y>\r\n\r\n")).contains(new SipFrag(200, "OK"));
    assertThat(SipFrag.parse("\r\nsip/2.0 180 Ringing")).contains(new SipFrag(180, "Ringing"));
    assertThat(SipFrag.parse("SIP/2.0 486")).contains(new SipFrag(486, ""));
    assertThat(SipFrag.parse("SIP/2.0 503 Service\u0001 Unavailable\n")).contains(new SipFrag(503,
        "Service Unavailable"));
  }

  @Test
  void statesFollowTheStatus() {
    assertThat(new SipFrag(100, "").state()).isEqualTo(TransferState.TRYING);
    assertThat(new SipFrag(181, "").state()).isEqualTo(TransferState.TRYING);
    assertThat(new SipFrag(180, "").state()).isEqualTo(TransferState.RINGING);
    assertThat(new SipFrag(183, "").state()).isEqualTo(TransferState.RINGING);
    assertThat(new SipFrag(202, "").state()).isEqualTo(TransferState.SUCCEEDED);
    assertThat(new SipFrag(486, "").state()).isEqualTo(TransferState.FAILED);
    assertThat(new SipFrag(603, "").state()).isEqualTo(TransferState.FAILED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "SIP/2.0", "SIP/2.0 ", "SIP/2.0 20", "SIP/2.0 2000 OK", "SIP/2.0 abc OK",
      "SIP/2.0 099 Low", "SIP/2.0 700 High", "HTTP/1.1 200 OK", "INVITE sip:x@y SIP/2.0", "SIP/3.0 200 OK",
      "SIP/2.0 -20 OK", "SIP/2.0\t200 OK"})
  void malformedLinesYieldNothing(String body) {
    assertThat(SipFrag.parse(body)).isEmpty();
  }

  @Test
  void nullAndHugeBodiesYieldNothing() {
    assertThat(SipFrag.parse(null)).isEmpty();
    assertThat(SipFrag.parse("SIP/2.0 200 OK\r\n" + "x".repeat(70_000))).isEmpty();
  }

  @Test
  void randomizedMalformedInputNeverThrowsAndOnlyYieldsValidStatuses() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String[] pieces = {"SIP/2.0 ", "200", " OK", "\r\n", "1", "9", "sip/2.0", "\u0000", "é", " ", "\n", "6", "99",
        "Ringing", "\t", "SIP/2.0 1"};
    int parsed = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(8);
      for (int j = 0; j < n; j++) {
        if (random.nextInt(4) == 0) {
          b.append((char) random.nextInt(0x3000));
        } else {
          b.append(pieces[random.nextInt(pieces.length)]);
        }
      }
      Optional<SipFrag> frag = SipFrag.parse(b.toString());
      if (frag.isPresent()) {
        parsed++;
        assertThat(frag.get().status()).as("seed %d input %s", seed, b).isBetween(100, 699);
        assertThat(frag.get().reason()).as("seed %d", seed).doesNotContain("\r", "\n", "\u0000");
        assertThat(b.toString().stripLeading().toUpperCase()).as("seed %d", seed).startsWith("SIP/2.0 ");
      }
    }
    assertThat(parsed).as("seed %d: some inputs are well-formed", seed).isPositive();
  }
}
