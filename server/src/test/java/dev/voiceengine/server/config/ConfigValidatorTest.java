package dev.voiceengine.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValidatorTest {
  private final ConfigLoader loader = new ConfigLoader(Map.of());
  private final ConfigValidator validator = new ConfigValidator("v.yaml", Path.of("/etc/ve"));

  private void rejects(String yaml, String... fragments) throws Exception {
    EngineConfig c = loader.parse("v.yaml", yaml);
    var thrown = assertThatThrownBy(() -> validator.validate(c)).isInstanceOf(ConfigException.class);
    for (String f : fragments) {
      thrown.hasMessageContaining(f);
    }
  }

  @Test
  void theApiRateLimitIsAFiniteRateAndAPositiveBurst() throws Exception {
    rejects("api: {rate_limit_per_second: -1, rate_limit_burst: 0}\n",
        "v.yaml: api.rate_limit_per_second: expected 0 (no limit) to 1000000 requests per second, got -1.0",
        "v.yaml: api.rate_limit_burst: expected 1 to 1000000, got 0");
    rejects("api: {rate_limit_per_second: 2e6}\n", "api.rate_limit_per_second");
    EngineConfig off = new ConfigValidator("v.yaml", Path.of(".")).validate(
        loader.parse("v.yaml", "api: {rate_limit_per_second: 0}\n"));
    assertThat(off.api().rateLimitPerSecond()).isZero();
    EngineConfig defaults = new ConfigValidator("v.yaml", Path.of(".")).validate(
        loader.parse("v.yaml", "api: {keys: [k]}\n"));
    assertThat(defaults.api().rateLimitPerSecond()).isEqualTo(50.0);
    assertThat(defaults.api().rateLimitBurst()).isEqualTo(100);
    EngineConfig set = new ConfigValidator("v.yaml", Path.of(".")).validate(
        loader.parse("v.yaml", "api: {rate_limit_per_second: 2.5, rate_limit_burst: 7}\n"));
    assertThat(set.api().rateLimitPerSecond()).isEqualTo(2.5);
    assertThat(set.api().rateLimitBurst()).isEqualTo(7);
  }

  @Test
  void rangesAreChecked() throws Exception {
    rejects("sip: {port: 70000}\n", "v.yaml: sip.port: expected 0 to 65535, got 70000");
    rejects("sip: {max_calls: 0}\n", "sip.max_calls: expected at least 1");
    rejects("sip: {transports: [udp, sctp]}\n", "sip.transports");
    rejects("rtp: {ports: 30000}\n", "rtp.ports: expected a range like 20000-29999");
    rejects("rtp: {ports: 30000-20000}\n", "rtp.ports");
    rejects("bind: example.com\n", "bind: expected an IP address");
  }

  @Test
  void corsOriginsAreWebOrigins() throws Exception {
    rejects("http: {cors_origins: [\"https://ops.example.com/\", \"*\", \"ops.example.com\"]}\n",
        "http.cors_origins: expected an origin", "\"https://ops.example.com/\"", "\"*\"", "\"ops.example.com\"");
    EngineConfig ok = loader.parse("v.yaml",
        "http: {cors_origins: [\"https://ops.example.com\", \"http://127.0.0.1:3000\"]}\n");
    assertThat(new ConfigValidator("v.yaml", Path.of("/etc/ve")).validate(ok).http().corsOrigins())
        .containsExactly("https://ops.example.com", "http://127.0.0.1:3000");
  }

  @Test
  void everyProblemIsReportedAtOnce() throws Exception {
    rejects("sip: {port: -1}\nhttp: {port: 99999}\n", "sip.port", "http.port");
  }

  @Test
  void trunksMustReferToKnownAgentsAndValidNetworks() throws Exception {
    rejects("""
        trunks:
          - id: t
            inbound: {allow: [10.0.0.0/33, nonsense], numbers: {"*": nobody}}
        """,
        "trunks[0].inbound.allow[0]", "trunks[0].inbound.allow[1]", "trunks[0].inbound.numbers.*",
        "got \"nobody\"");
  }

  @Test
  void organizationsAreNamesAndATrunkReachesOnlyItsOwn() throws Exception {
    rejects("""
        agents:
          - {id: a, org: "Acme Corp"}
          - {id: b, org: acme}
        trunks:
          - {id: t, org: "-x", inbound: {numbers: {"1": b}}}
          - {id: u, inbound: {numbers: {"*": b}}}
        """, "agents[0].org: expected 1 to 64 lower-case letters", "trunks[0].org",
        "trunks[1].inbound.numbers.*: agent \"b\" belongs to organization \"acme\", the trunk to \"default\"");
    EngineConfig ok = new ConfigValidator("v.yaml", Path.of(".")).validate(loader.parse("v.yaml", """
        agents:
          - {id: a}
          - {id: b, org: acme}
        trunks:
          - {id: t, inbound: {numbers: {"*": a}}}
          - {id: u, org: acme, inbound: {numbers: {"*": b}}}
        """));
    assertThat(ok.agents()).extracting(AgentConfig::organization).containsExactly("default", "acme");
    assertThat(ok.trunks()).extracting(TrunkConfig::organization).containsExactly("default", "acme");
  }

  @Test
  void duplicateIdsAndMissingGreetingFilesAreNamed() throws Exception {
    rejects("""
        agents:
          - {id: a}
          - {id: a, greeting: missing.wav}
        trunks:
          - {id: t, inbound: {numbers: {"*": a}}}
        """, "agents[1].id: duplicate agent id", "agents[1].greeting", "/etc/ve/missing.wav");
  }

  @Test
  void networksParse() {
    assertThat(ConfigValidator.isCidr("127.0.0.0/8")).isTrue();
    assertThat(ConfigValidator.isCidr("::1/128")).isTrue();
    assertThat(ConfigValidator.isCidr("192.0.2.7")).isTrue();
    assertThat(ConfigValidator.isCidr("256.0.0.0/8")).isFalse();
    assertThat(ConfigValidator.isCidr("10.0.0.0/x")).isFalse();
    assertThat(ConfigValidator.isCidr("localhost/8")).isFalse();
  }

  @Test
  void outboundSettingsAreCheckedFieldByField() throws Exception {
    rejects("""
        trunks:
          - id: t
            outbound: {port: 0, transport: sctp, username: u, caller_ids: ["+15551234567", "555"],
                       max_concurrent: 0, calls_per_second: 0, ring_timeout_seconds: 0}
        """,
        "trunks[0].outbound.host", "trunks[0].outbound.port", "trunks[0].outbound.transport",
        "trunks[0].outbound.password", "trunks[0].outbound.caller_ids[1]", "trunks[0].outbound.max_concurrent",
        "trunks[0].outbound.calls_per_second", "trunks[0].outbound.ring_timeout_seconds");
  }

  @Test
  void outboundSettingsParseWithDefaultsAndEnvironment() throws Exception {
    EngineConfig c = new ConfigLoader(Map.of("TRUNK_PASSWORD", "s3cret")).parse("v.yaml", """
        trunks:
          - id: carrier
            outbound: {host: sip.carrier.example, username: acct, password: "${TRUNK_PASSWORD}",
                       caller_ids: ["+15551234567"]}
        """);
    TrunkConfig.Outbound o = validator.validate(c).trunks().get(0).outbound();
    assertThat(o.password()).isEqualTo("s3cret");
    assertThat(o.port()).isEqualTo(5060);
    assertThat(o.transport()).isEqualTo("udp");
    assertThat(o.ringTimeoutSeconds()).isEqualTo(30);
    assertThat(o.defaultCallerId()).isEqualTo("+15551234567");
    assertThat(c.trunks().get(0).inbound().allow()).contains("127.0.0.0/8");
  }
}
