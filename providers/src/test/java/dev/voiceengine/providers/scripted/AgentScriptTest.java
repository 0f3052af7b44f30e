package dev.voiceengine.providers.scripted;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentScriptTest {
  private static final String MINIMAL = """
      first_message: "Hello, how can I help?"
      fallback: "Sorry?"
      slots:
        time: {ask: "When?", default: "09:30"}
      intents:
        - id: book
          examples: ["book me in for {day}"]
          keywords: [book]
          requires: [day]
          reply: "Booked for {day} at {time}[, {name}]."
          follow_up: "Anything else?"
        - id: bye
          keywords: [bye]
          reply: "Bye!"
          tool: end_call
        - id: human
          keywords: [person]
          reply: "Putting you through."
          tool: transfer
          transfer_to: "sip:desk@example.com"
      """;

  @Test
  void readsSnakeCaseYamlWithTheEngineMapper() {
    AgentScript s = ScriptYaml.read(MINIMAL);
    assertThat(s.firstMessage()).isEqualTo("Hello, how can I help?");
    assertThat(s.intents()).extracting(Intent::id).containsExactly("book", "bye", "human");
    assertThat(s.intents().get(0).followUp()).isEqualTo("Anything else?");
    assertThat(s.intents().get(2).transferTo()).isEqualTo("sip:desk@example.com");
    assertThat(s.ask(Slot.TIME)).isEqualTo("When?");
    assertThat(s.ask(Slot.DAY)).isEqualTo("Which day would suit you?");
    assertThat(s.defaultValue(Slot.TIME)).contains("09:30");
  }

  @Test
  void roundTripsThroughYaml() {
    AgentScript reception = AgentScript.reception();
    String yaml = ScriptYaml.write(reception);
    assertThat(yaml).contains("first_message:", "follow_up:", "transfer_to:").doesNotContain("firstMessage");
    assertThat(ScriptYaml.read(yaml)).isEqualTo(reception);
    assertThat(ScriptYaml.read(ScriptYaml.write(ScriptYaml.read(MINIMAL)))).isEqualTo(ScriptYaml.read(MINIMAL));
  }

  @Test
  void deserialisesAsANestedRecordOfAConfiguration() throws Exception {
    record Agent(String id, AgentScript script) {}
    record Config(List<Agent> agents) {}
    String yaml = "agents:\n  - id: reception\n    script:\n" + MINIMAL.indent(6);
    ObjectMapper mapper = ScriptYaml.mapper();
    Config config = mapper.readValue(yaml, Config.class);
    assertThat(config.agents().get(0).script().intents()).hasSize(3);
  }

  @Test
  void rejectsUnknownKeys() {
    assertThatThrownBy(() -> ScriptYaml.read(MINIMAL.replace("follow_up:", "followup:")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("followup");
  }

  @Test
  void aValidationErrorNamesTheFieldThroughTheMapper() {
    String yaml = MINIMAL.replace("reply: \"Bye!\"", "");
    assertThatThrownBy(() -> ScriptYaml.mapper().readValue(yaml, AgentScript.class))
        .isInstanceOf(JsonMappingException.class).hasMessageContaining("intents[1].reply: missing");
    assertThatThrownBy(() -> ScriptYaml.read(yaml)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid agent script: intents[1].reply: missing");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "first_message: \"Hello, how can I help?\" ||first_message: missing",
      "fallback: \"Sorry?\"  |fallback: \"  \"|fallback: missing",
      "id: bye|id: book|intents[1].id: duplicate 'book'",
      "keywords: [bye]|keywords: []|intents[1].examples: missing (give examples or keywords)",
      "requires: [day]|requires: [date]|intents[0].requires[0]: unknown slot 'date' (known: day, time, name, number)",
      "book me in for {day}|book me in for {when}|intents[0].examples[0]: unknown placeholder {when}",
      "requires: [day]|requires: []|intents[0].reply: {day} is neither in requires nor has slots.day.default",
      "default: \"09:30\"|default: \"half nine\"|slots.time.default: 'half nine' is not a time HH:MM",
      "time: {ask|hour: {ask|slots.hour: unknown slot (known: day, time, name, number)",
      "tool: end_call|tool: hang_up|intents[1].tool: unknown 'hang_up' (known: end_call, transfer)",
      "transfer_to: \"sip:desk@example.com\"||intents[2].transfer_to: missing (tool transfer needs a target)",
      "at {time}[, {name}]|at {time}[, {name}|intents[0].reply: unbalanced [ ]"})
  void validationNamesTheField(String from, String to, String message) {
    String yaml = MINIMAL.replace(from, to == null ? "" : to);
    assertThat(yaml).isNotEqualTo(MINIMAL);
    assertThatThrownBy(() -> ScriptYaml.read(yaml)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void rejectsAScriptWithoutIntents() {
    assertThatThrownBy(() -> new AgentScript("Hi", "Sorry?", null, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("intents: missing (a script needs at least one intent)");
    assertThatThrownBy(() -> new AgentScript("Hi", "Sorry?", Map.of(), null))
        .hasMessageStartingWith("intents: missing");
  }

  @Test
  void theReceptionScriptLoads() {
    AgentScript r = AgentScript.reception();
    assertThat(r.firstMessage()).isEqualTo("Thanks for calling Acme Dental. How can I help?");
    assertThat(r.intent("book")).isPresent();
    assertThat(r.intent("goodbye").orElseThrow().tool()).isEqualTo("end_call");
    assertThat(r.intent("person").orElseThrow().tool()).isEqualTo("transfer");
  }
}
