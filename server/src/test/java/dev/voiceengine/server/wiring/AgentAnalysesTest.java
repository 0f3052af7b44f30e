package dev.voiceengine.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.control.analysis.AgentAnalysis;
import dev.voiceengine.control.analysis.AnalysisModel;
import dev.voiceengine.control.analysis.AnalysisSettings;
import dev.voiceengine.control.analysis.FieldType;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ConfigLoader;
import dev.voiceengine.server.config.EngineConfig;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AgentAnalysesTest {
  final ConfigLoader loader = new ConfigLoader(Map.of());

  static final String CONFIG = """
      analysis:
        enabled: true
        threads: 2
      agents:
        - id: bookings
          analysis:
            model: llama3.2
            tags: {insurance: [policy, claim]}
            success: {fields: [appointment_day], phrases: ["you are booked"]}
            fields:
              - {name: appointment_day, type: enum, values: [monday, friday], instructions: "the day booked"}
              - {name: callback_wanted, type: boolean, instructions: "wants a call back", keywords: ["call me back"]}
              - {name: order_number, type: string, pattern: "order ([A-Z]{2}[0-9]{4})"}
        - id: plain
      """;

  @Test
  void readsTheEngineSwitchAndEachAgentsBlock() throws Exception {
    EngineConfig config = loader.parse("x.yaml", CONFIG);

    AnalysisSettings settings = AgentAnalyses.settings(config, AnalysisModel.NONE);

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.threads()).isEqualTo(2);
    AgentAnalysis bookings = settings.agent("bookings");
    assertThat(bookings.model()).isEqualTo("llama3.2");
    assertThat(bookings.tags()).containsEntry("insurance", List.of("policy", "claim"));
    assertThat(bookings.success().fields()).containsExactly("appointment_day");
    assertThat(bookings.success().phrases()).containsExactly("you are booked");
    assertThat(bookings.fields()).extracting(f -> f.name() + ":" + f.type())
        .containsExactly("appointment_day:ENUM", "callback_wanted:BOOLEAN", "order_number:STRING");
    assertThat(bookings.fields().get(1).keywords()).containsExactly("call me back");
    assertThat(bookings.fields().get(2).pattern().pattern()).isEqualTo("order ([A-Z]{2}[0-9]{4})");
    assertThat(settings.agent("plain")).isEqualTo(AgentAnalysis.DEFAULT);
    assertThat(bookings.fields().get(0).type()).isEqualTo(FieldType.ENUM);
  }

  @Test
  void analysisIsOnByDefaultAndCanBeSwitchedOff() throws Exception {
    assertThat(AgentAnalyses.settings(loader.parse("x.yaml", ""), AnalysisModel.NONE).enabled()).isTrue();
    assertThat(AgentAnalyses.settings(loader.parse("x.yaml", "analysis: {enabled: false}\n"), AnalysisModel.NONE)
        .enabled()).isFalse();
  }

  @Test
  void badValuesAreErrorsNamingTheirPlace() {
    String[][] cases = {
        {"fields: [{name: x, type: date}]", "agents[0].analysis.fields[0].type: must be string, boolean"},
        {"fields: [{name: X-1, type: string}]", "agents[0].analysis.fields[0]: analysis field name must match"},
        {"fields: [{name: day, type: enum}]", "agents[0].analysis.fields[0]: analysis field day is an enum"},
        {"fields: [{name: a, type: string}, {name: a, type: number}]", "the name a is used twice"},
        {"fields: [{name: a, type: string, pattern: \"(\"}]", "fields[0].pattern: not a regular expression"},
        {"fields: [{name: a, type: string, colour: red}]", "fields[0].colour: unknown key"},
        {"fields: [{name: model_error, type: string}]", "is reserved"},
        {"success: {fields: [nope]}", "agents[0].analysis.success.fields: nope is not one of the fields"},
        {"tags: {billing: billing}", "agents[0].analysis.tags.billing: must be a list of text"},
        {"model: [a]", "agents[0].analysis.model: must be a model name"},
        {"speed: fast", "agents[0].analysis.speed: unknown key"}};
    for (String[] c : cases) {
      String yaml = "agents:\n  - id: a\n    analysis: {" + c[0].substring(0, c[0].indexOf(':')) + ": "
          + c[0].substring(c[0].indexOf(':') + 1).strip() + "}\n";
      assertThatThrownBy(() -> AgentAnalyses.settings(loader.parse("x.yaml", yaml), AnalysisModel.NONE))
          .as(c[0]).isInstanceOf(ConfigException.class).hasMessageContaining(c[1]);
    }
  }

  @Test
  void threadsOutOfRangeAreRefused() {
    assertThatThrownBy(() -> AgentAnalyses.settings(loader.parse("x.yaml", "analysis: {threads: 0}\n"),
        AnalysisModel.NONE)).isInstanceOf(ConfigException.class).hasMessageContaining("analysis.threads");
  }

  @Test
  void randomizedMalformedBlocksAreConfigErrorsNeverCrashes() {
    Random random = new Random(7);
    String alphabet = "{}[]:, -\"'abcdefnmtyp0129_()\n";
    String base = CONFIG.substring(CONFIG.indexOf("agents:"));
    for (int i = 0; i < 400; i++) {
      StringBuilder yaml = new StringBuilder(base);
      for (int e = 0; e < 1 + random.nextInt(3); e++) {
        int at = random.nextInt(yaml.length());
        if (random.nextBoolean()) {
          yaml.deleteCharAt(at);
        } else {
          yaml.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      try {
        AgentAnalyses.settings(loader.parse("x.yaml", yaml.toString()), AnalysisModel.NONE);
      } catch (ConfigException expected) {
        assertThat(expected.getMessage()).isNotBlank();
      }
    }
  }
}
