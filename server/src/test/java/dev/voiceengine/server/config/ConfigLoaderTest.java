package dev.voiceengine.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {
  private static final String FULL = """
      bind: 0.0.0.0
      sip: {port: 5070, transports: [udp], max_calls: 10, retry_after_s: 3, answer_delay_ms: 500}
      rtp: {ports: 30000-30100, no_media_timeout_s: 10, jitter_ms: 40, advertise_address: 198.51.100.7}
      http: {port: 8081}
      data_dir: /tmp/ve
      api: {keys: ["${API_KEY}"]}
      recording: {enabled: false}
      trunks:
        - id: carrier
          inbound:
            allow: [192.0.2.0/24, "2001:db8::/32"]
            numbers: {"+15550001111": reception, "*": reception}
      agents:
        - id: reception
          name: Reception
      """;

  private final ConfigLoader loader = new ConfigLoader(Map.of("API_KEY", "secret-key"));

  @Test
  void emptyFileMeansDefaults() throws Exception {
    EngineConfig c = loader.parse("x.yaml", "");
    assertThat(c).isEqualTo(EngineConfig.defaults());
    assertThat(c.sip().port()).isEqualTo(5060);
    assertThat(c.sip().transports()).containsExactly("udp", "tcp");
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.rtp().ports()).isEqualTo("20000-29999");
    assertThat(c.dataDir()).isEqualTo("./data");
    assertThat(c.trunks().get(0).inbound().allow()).contains("127.0.0.0/8");
    assertThat(c.trunks().get(0).inbound().numbers()).containsEntry("*", "demo");
    new ConfigValidator("(defaults)", Path.of(".")).validate(c);
  }

  @Test
  void everyKeyIsRead() throws Exception {
    EngineConfig c = loader.parse("x.yaml", FULL);
    assertThat(c.sip()).isEqualTo(new SipConfig(5070, java.util.List.of("udp"), 10, 3, 500));
    assertThat(c.rtp()).isEqualTo(new RtpConfig("30000-30100", 10, 40, "198.51.100.7"));
    assertThat(c.http().port()).isEqualTo(8081);
    assertThat(c.api().keys()).containsExactly("secret-key");
    assertThat(c.recording().enabled()).isFalse();
    assertThat(c.trunks().get(0).inbound().numbers()).containsEntry("+15550001111", "reception");
    new ConfigValidator("x.yaml", Path.of(".")).validate(c);
  }

  @Test
  void unknownKeyNamesTheKeyAndTheChoices() {
    assertThatThrownBy(() -> loader.parse("engine.yaml", "sip: {prot: 5060}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("engine.yaml: sip.prot: unknown key")
        .hasMessageContaining("port");
  }

  @Test
  void wrongTypeNamesTheKeyAndTheExpectedType() {
    assertThatThrownBy(() -> loader.parse("engine.yaml", "sip:\n  port: fifty\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("engine.yaml: sip.port: expected an integer");
    assertThatThrownBy(() -> loader.parse("engine.yaml", "trunks:\n  - id: a\n    inbound: {allow: 5}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("trunks[0].inbound.allow");
  }

  @Test
  void brokenYamlNamesTheLine() {
    assertThatThrownBy(() -> loader.parse("engine.yaml", "sip:\n  port: 5060\n  transports: [udp\nhttp: {port: 1}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("engine.yaml: line 4: not valid YAML");
    assertThatThrownBy(() -> loader.parse("engine.yaml", "sip: {port: 5060\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("engine.yaml: line 1: not valid YAML");
  }

  @Test
  void missingEnvironmentVariableIsNamed() {
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).parse("e.yaml", "data_dir: x\napi: {keys: [\"${NOPE}\"]}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("e.yaml: api.keys[0]: environment variable NOPE is not set");
  }

  @Test
  void variablesOnCommentLinesAreLeftAlone() throws Exception {
    assertThat(new ConfigLoader(Map.of()).parse("e.yaml", "# write ${VAR}\ndata_dir: d # ${X:-y}\n").dataDir())
        .isEqualTo("d");
  }

  @Test
  void environmentValuesAreTakenLiterallyNotAsYaml() throws Exception {
    String tricky = "k\\x41y \"quoted\" #not-a-comment: x";
    EngineConfig c = new ConfigLoader(Map.of("K", tricky, "P", "5070"))
        .parse("e.yaml", "api:\n  keys:\n    - \"${K}\"\n    - ${K}\nsip:\n  port: ${P}\n");
    assertThat(c.api().keys()).containsExactly(tricky, tricky);
    assertThat(c.sip().port()).isEqualTo(5070);
  }

  @Test
  void theReadmeExampleIsValid(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String readme = java.nio.file.Files.readString(Path.of("../README.md"));
    int start = readme.indexOf("```yaml\n");
    String yaml = readme.substring(start + 8, readme.indexOf("```", start + 8));
    java.nio.file.Files.write(dir.resolve("greeting.wav"), new byte[] {0});
    EngineConfig c = new ConfigLoader(Map.of("VOICE_ENGINE_API_KEY", "k")).parse("README.md", yaml);
    new ConfigValidator("README.md", dir).validate(c);
    assertThat(c.trunks().get(0).inbound().allow()).containsExactly("192.0.2.0/24");
    assertThat(c.providers().llm().openai().baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(c.providers().stt().uri()).isEqualTo("embedded:sphinx4");
    assertThat(c.agents().get(0).turn().minInterruptionMs()).isEqualTo(300);
  }

  @Test
  void aLoopbackOrWildcardMediaAddressIsRejectedWhenCarriersAreAdmitted() throws Exception {
    String trunk = "trunks: [{id: c, inbound: {allow: [192.0.2.0/24], numbers: {\"*\": demo}}}]\n";
    for (String head : new String[] {"bind: 127.0.0.1\n", "bind: 0.0.0.0\n",
        "bind: 0.0.0.0\nrtp: {advertise_address: 127.0.0.1}\n", "rtp: {advertise_address: 0.0.0.0}\n"}) {
      EngineConfig c = loader.parse("e.yaml", head + trunk);
      assertThatThrownBy(() -> new ConfigValidator("e.yaml", Path.of(".")).validate(c)).as(head)
          .isInstanceOf(ConfigException.class).hasMessageMatching("(?s)e\\.yaml: (bind|rtp\\.advertise_address): .*");
    }
    new ConfigValidator("e.yaml", Path.of(".")).validate(
        loader.parse("e.yaml", "bind: 0.0.0.0\nrtp: {advertise_address: 198.51.100.7}\n" + trunk));
  }

  @Test
  void onlySqliteFilesAreAcceptedAsStorage() throws Exception {
    for (String url : new String[] {"jdbc:postgresql://db/calls", "jdbc:sqlite::memory:", "jdbc:sqlite:", "x"}) {
      EngineConfig c = loader.parse("e.yaml", "storage: {url: \"" + url + "\"}\n");
      assertThatThrownBy(() -> new ConfigValidator("e.yaml", Path.of(".")).validate(c)).as(url)
          .hasMessageContaining("e.yaml: storage.url: expected jdbc:sqlite:<file>");
    }
    new ConfigValidator("e.yaml", Path.of(".")).validate(loader.parse("e.yaml", "storage: {url: jdbc:sqlite:/x.db}\n"));
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThatThrownBy(() -> loader.parse("engine.yaml", "http: {port: 1}\nhttp: {port: 2}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("engine.yaml")
        .hasMessageContaining("http");
  }

  @Test
  void environmentDefaultIsUsed() throws Exception {
    assertThat(new ConfigLoader(Map.of()).parse("e.yaml", "data_dir: ${DIR:-/var/ve}\n").dataDir())
        .isEqualTo("/var/ve");
  }

  @Test
  void missingFileIsNamed() {
    assertThatThrownBy(() -> loader.load(Path.of("/nonexistent/engine.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("/nonexistent/engine.yaml: no such file");
  }

  @Test
  void randomlyDamagedConfigIsRejectedCleanlyOrAccepted() {
    Random random = new Random(20261122L);
    String alphabet = "{}[]:,-\"' \n\t#&*!|>%@`abc019/.";
    for (int i = 0; i < 2000; i++) {
      StringBuilder s = new StringBuilder(FULL);
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && s.length() > 0; e++) {
        int at = random.nextInt(s.length());
        switch (random.nextInt(3)) {
          case 0 -> s.deleteCharAt(at);
          case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          default -> s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String text = s.toString();
      try {
        EngineConfig c = loader.parse("fuzz.yaml", text);
        new ConfigValidator("fuzz.yaml", Path.of(".")).validate(c);
      } catch (ConfigException expected) {
        assertThat(expected.getMessage()).startsWith("fuzz.yaml");
      } catch (RuntimeException e) {
        throw new AssertionError("unexpected " + e + " for:\n" + text, e);
      }
    }
  }

  @Test
  void documentedExampleIsValidAndMatchesTheDefaults() throws Exception {
    Path example = Path.of("../docs/configuration.example.yaml");
    EngineConfig c = new ConfigLoader(Map.of()).load(example);
    new ConfigValidator(example.toString(), example.getParent()).validate(c);
    EngineConfig defaults = EngineConfig.defaults();
    assertThat(c.sip()).isEqualTo(defaults.sip());
    assertThat(c.rtp()).isEqualTo(defaults.rtp());
    assertThat(c.http()).isEqualTo(defaults.http());
    assertThat(c.dataDir()).isEqualTo(defaults.dataDir());
    assertThat(c.agents()).extracting(AgentConfig::id, AgentConfig::name)
        .containsExactly(org.assertj.core.api.Assertions.tuple("demo", "Reception"));
    AgentConfig agent = c.agents().get(0);
    assertThat(agent.turn()).isEqualTo(new TurnConfig(600, 300, 0, true));
    assertThat(agent.onProviderError().maxConsecutiveFailures()).isEqualTo(3);
    assertThat(c.vad()).isEqualTo(defaults.vad());
    assertThat(c.providers()).isEqualTo(defaults.providers());
    assertThat(c.trunks().get(0).inbound().numbers()).isEqualTo(defaults.trunks().get(0).inbound().numbers());
  }
}
