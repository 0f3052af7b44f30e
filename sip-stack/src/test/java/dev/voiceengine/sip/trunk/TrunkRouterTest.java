package dev.voiceengine.sip.trunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.sip.TrunkSettings;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrunkRouterTest {
  private final TrunkSettings carrier = new TrunkSettings("carrier", List.of("203.0.113.0/24", "2001:db8::/32"),
      Map.of("+15551230000", "sales", "+15551230001", "support"));
  private final TrunkSettings local = new TrunkSettings("local", List.of("127.0.0.0/8", "203.0.113.7/32"),
      Map.of("*", "demo", "100", "reception"));
  private final TrunkRouter router = new TrunkRouter(List.of(carrier, local));

  @Test
  void firstTrunkWhoseAllowListHoldsTheSourceWins() throws Exception {
    assertThat(router.trunkFor(InetAddress.getByName("203.0.113.7"))).contains(carrier);
    assertThat(router.trunkFor(InetAddress.getByName("2001:db8::5"))).contains(carrier);
    assertThat(router.trunkFor(InetAddress.getByName("127.0.0.1"))).contains(local);
    assertThat(router.trunkFor(InetAddress.getByName("198.51.100.1"))).isEmpty();
    assertThat(new TrunkRouter(List.of()).trunkFor(InetAddress.getByName("127.0.0.1"))).isEmpty();
  }

  @Test
  void allowsChecksTheNamedTrunkOnly() throws Exception {
    assertThat(router.allows("carrier", InetAddress.getByName("203.0.113.99"))).isTrue();
    assertThat(router.allows("local", InetAddress.getByName("203.0.113.7"))).isTrue();
    assertThat(router.allows("local", InetAddress.getByName("203.0.113.99"))).isFalse();
    assertThat(router.allows("carrier", InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(router.allows("nobody", InetAddress.getByName("127.0.0.1"))).isFalse();
    assertThat(router.allows(null, InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  @Test
  void exactNumberFirstThenCatchAll() {
    assertThat(TrunkRouter.agentFor(carrier, "+15551230001")).contains("support");
    assertThat(TrunkRouter.agentFor(carrier, "15551230001")).isEmpty();
    assertThat(TrunkRouter.agentFor(carrier, null)).isEmpty();
    assertThat(TrunkRouter.agentFor(local, "100")).contains("reception");
    assertThat(TrunkRouter.agentFor(local, "200")).contains("demo");
    assertThat(TrunkRouter.agentFor(local, null)).contains("demo");
  }

  @Test
  void badCidrNamesTheTrunk() {
    assertThatThrownBy(() -> new TrunkRouter(List.of(new TrunkSettings("bad", List.of("10.0.0.0/99"), Map.of()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trunk bad");
  }
}
