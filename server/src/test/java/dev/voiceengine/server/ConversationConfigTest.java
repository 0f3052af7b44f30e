package dev.voiceengine.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ConfigLoader;
import dev.voiceengine.server.config.EngineConfig;
import dev.voiceengine.server.config.HttpConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad conversation setting stops the start with a message naming the key, before any call is taken. */
class ConversationConfigTest {
  @TempDir Path dir;

  private void assertStartFails(String yaml, String messagePattern) throws Exception {
    EngineConfig cfg = new ConfigLoader(Map.of()).parse("e.yaml", yaml);
    EngineConfig c = cfg.withSip(cfg.sip().withPort(0)).withHttp(new HttpConfig(0))
        .withDataDir(dir.resolve("data").toString());
    assertThatThrownBy(() -> Engine.start(c, "e.yaml", dir).close()).as(yaml)
        .isInstanceOf(ConfigException.class).hasMessageMatching("(?s)" + messagePattern);
  }

  @Test
  void anUnknownVoiceActivityDetectorIsNamed() throws Exception {
    assertStartFails("vad: energy\n", "vad: unknown detector 'energy'.*silero.*");
  }

  @Test
  void anUnknownProviderIsNamedWithTheCapability() throws Exception {
    assertStartFails("providers: {stt: embedded:whisper}\n", "providers\\.stt: unknown provider 'embedded:whisper'.*");
    assertStartFails("providers: {tts: \"grpc://nohost\"}\n", "providers\\.tts: expected grpc://host:port.*");
  }

  @Test
  void aBadOpenAiBaseUrlIsNamed() throws Exception {
    assertStartFails("providers: {llm: {openai: {base_url: \"ftp://x\"}}}\n", "providers\\.llm\\.openai: .*http.*");
  }

  @Test
  void aBrokenScriptNamesTheAgentAndTheField() throws Exception {
    assertStartFails("agents: [{id: demo, script: {first_message: hi, fallback: what, intents: [{id: a}]}}]\n",
        "agents\\[0\\]\\.script: .*intents\\[0\\].*");
  }

  @Test
  void badTurnAndFailureSettingsAreNamed() throws Exception {
    assertStartFails("agents: [{id: demo, turn: {endpoint_silence_ms: 20}}]\n",
        "agents\\[0\\]: endpoint_silence_ms must be.*");
    assertStartFails("agents: [{id: demo, on_provider_error: {action: retry}}]\n",
        "agents\\[0\\]: on_provider_error\\.action must be apologize or hang_up.*");
  }
}
