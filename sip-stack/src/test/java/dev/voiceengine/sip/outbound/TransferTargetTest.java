package dev.voiceengine.sip.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Transfer targets as Refer-To URIs. */
class TransferTargetTest {
  @Test
  void numbersGoToTheTrunkAndUrisAsGiven() {
    assertThat(TransferTarget.uri("+15551234567", "trunk.example:5060")).contains(
        "sip:+15551234567@trunk.example:5060");
    assertThat(TransferTarget.uri("sip:desk@pbx.example;transport=tcp", "t:1")).contains(
        "sip:desk@pbx.example;transport=tcp");
  }

  @Test
  void anythingElseIsRefused() {
    for (String bad : new String[] {null, "", "15551234567", "+0123", "+1234567890123456", "tel:+1555",
        "sip:a b@c", "sip:<x>", "http://x"}) {
      assertThat(TransferTarget.valid(bad)).as(bad).isFalse();
      assertThat(TransferTarget.uri(bad, "h:1")).as(bad).isEmpty();
    }
  }
}
