package dev.voiceengine.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agents' {@code voicemail:} block is read from YAML with its snake_case keys. */
class VoicemailConfigTest {
  @Test
  void anAgentsVoicemailBlockIsRead() throws Exception {
    EngineConfig c = new ConfigLoader(Map.of()).parse("x.yaml", """
        agents:
          - id: sales
            voicemail:
              detect: true
              action: leave_message
              message: Hi, this is Ana from the clinic, please call us back.
              max_wait_for_beep_seconds: 15
              timeout_seconds: 4.5
        """);
    VoicemailConfig v = c.agents().get(0).voicemail();
    assertThat(v).isEqualTo(new VoicemailConfig(true, "leave_message",
        "Hi, this is Ana from the clinic, please call us back.", 15.0, 4.5));
  }

  @Test
  void anAgentWithoutTheBlockHasNone() throws Exception {
    EngineConfig c = new ConfigLoader(Map.of()).parse("x.yaml", "agents:\n  - id: reception\n");
    assertThat(c.agents().get(0).voicemail()).isNull();
  }
}
