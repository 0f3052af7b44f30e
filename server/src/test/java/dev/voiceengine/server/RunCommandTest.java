package dev.voiceengine.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.voiceengine.server.config.EngineConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RunCommandTest {
  @Test
  void optionsOverrideTheConfiguration() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("--sip-port", "0", "--http-port", "9090", "--rtp-ports", "40000-40100",
        "--data-dir", "/tmp/x", "--bind", "0.0.0.0");
    EngineConfig c = run.applyOverrides(EngineConfig.defaults());
    assertThat(c.sip().port()).isZero();
    assertThat(c.http().port()).isEqualTo(9090);
    assertThat(c.rtp().ports()).isEqualTo("40000-40100");
    assertThat(c.dataDir()).isEqualTo("/tmp/x");
    assertThat(c.bind()).isEqualTo("0.0.0.0");
  }

  @Test
  void badOptionValuesAreRejectedByName() {
    assertThatThrownBy(() -> new CommandLine(new RunCommand()).parseArgs("--sip-port", "abc"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("--sip-port");
  }

  @Test
  void readyLineIsOneJsonObject() throws Exception {
    String line = RunCommand.readyLine(new Engine.Ready(5060, 8080, Path.of("/data"), null));
    assertThat(line).doesNotContain("\n");
    var json = new ObjectMapper().readTree(line);
    assertThat(json.get("event").asText()).isEqualTo("ready");
    assertThat(json.get("sip_port").asInt()).isEqualTo(5060);
    assertThat(json.get("http_port").asInt()).isEqualTo(8080);
    assertThat(json.get("data_dir").asText()).isEqualTo("/data");
  }

  @Test
  void invalidConfigFailsTheStartWithExitCode2() {
    int code = new CommandLine(new Main()).execute("run", "--config", "/nonexistent/engine.yaml");
    assertThat(code).isEqualTo(2);
  }
}
