package dev.voiceengine.sip.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.sip.InboundCall;
import dev.voiceengine.sip.TrunkSettings;
import dev.voiceengine.sip.trunk.TrunkRouter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceRuleTest {
  private final SourceRule rule = new SourceRule(new TrunkRouter(List.of(
      new TrunkSettings("carrier", List.of("203.0.113.0/24"), Map.of("*", "sales")),
      new TrunkSettings("local", List.of("127.0.0.1/32"), Map.of("*", "demo")))));

  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  private static InboundCall callFrom(String trunk, String source, int port) {
    return new InboundCall("ref", "cid", "from", "to", trunk, "agent", new InetSocketAddress(source, port), null);
  }

  @Test
  void outsideACallOnlyATrunksNetworksMaySend() throws Exception {
    assertThat(rule.allows(null, ip("203.0.113.9"))).isTrue();
    assertThat(rule.allows(null, ip("127.0.0.1"))).isTrue();
    assertThat(rule.allows(null, ip("127.0.0.2"))).isFalse();
    assertThat(rule.allows(null, ip("198.51.100.1"))).isFalse();
    assertThat(rule.allows(null, null)).isFalse();
  }

  @Test
  void inACallOnlyItsPeerMaySendFromAnyPort() throws Exception {
    InboundCall call = callFrom("carrier", "203.0.113.7", 5060);
    assertThat(rule.allows(call, ip("203.0.113.7"))).as("the admitted address").isTrue();
    assertThat(rule.allows(call, ip("203.0.113.200"))).as("another proxy of the same trunk").isTrue();
    assertThat(rule.allows(call, ip("127.0.0.1"))).as("another trunk").isFalse();
    assertThat(rule.allows(call, ip("127.0.0.2"))).as("a stranger").isFalse();
    assertThat(rule.allows(call, null)).isFalse();
  }

  /** The address the call was admitted from counts even should it no longer be in the trunk's networks. */
  @Test
  void theAdmittedAddressIsThePeerEvenOutsideTheTrunksNetworks() throws Exception {
    InboundCall call = callFrom("gone", "192.0.2.5", 5062);
    assertThat(rule.allows(call, ip("192.0.2.5"))).isTrue();
    assertThat(rule.allows(call, ip("192.0.2.6"))).isFalse();
  }

  @Test
  void aCancelOnlyFromItsInvitesSourceOrThatSourcesTrunk() throws Exception {
    assertThat(rule.allowsCancelOf(ip("203.0.113.7"), ip("203.0.113.7"))).isTrue();
    assertThat(rule.allowsCancelOf(ip("203.0.113.7"), ip("203.0.113.200"))).as("the same trunk").isTrue();
    assertThat(rule.allowsCancelOf(ip("203.0.113.7"), ip("127.0.0.1"))).as("another trunk").isFalse();
    assertThat(rule.allowsCancelOf(ip("203.0.113.7"), ip("127.0.0.2"))).as("a stranger").isFalse();
    assertThat(rule.allowsCancelOf(ip("192.0.2.5"), ip("192.0.2.5"))).as("an INVITE from no trunk").isTrue();
    assertThat(rule.allowsCancelOf(ip("192.0.2.5"), ip("127.0.0.1"))).isFalse();
    assertThat(rule.allowsCancelOf(null, ip("127.0.0.1"))).isFalse();
    assertThat(rule.allowsCancelOf(ip("127.0.0.1"), null)).isFalse();
  }
}
