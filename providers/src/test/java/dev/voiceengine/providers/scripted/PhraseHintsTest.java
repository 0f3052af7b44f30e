package dev.voiceengine.providers.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseHintsTest {
  private final List<String> phrases = AgentScript.reception().phrases();

  @Test
  void expandsExamplesOverSlotValues() {
    assertThat(phrases).contains("i would like to book an appointment for friday",
        "i would like to book an appointment for monday", "i would like to book an appointment for tomorrow",
        "can i come on thursday at three pm", "can i come on friday at noon", "are you open tomorrow", "what are your opening hours");
  }

  @Test
  void holdsKeywordsSlotValuesAndCommonWords() {
    assertThat(phrases).contains("appointment", "opening hours", "friday", "half past two", "twelve", "yes", "no",
        "thank you", "goodbye", "no thanks");
  }

  @Test
  void namesAreLeftOutOfExamples() {
    assertThat(phrases).contains("my name is", "this is").noneMatch(p -> p.contains("{") || p.contains("}"));
  }

  @Test
  void plainLowerCaseDeduplicatedAndBounded() {
    assertThat(phrases).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(PhraseHints.MAX_PHRASES)
        .hasSizeGreaterThan(100).allMatch(p -> p.matches("[a-z0-9']+( [a-z0-9']+)*"), "plain lower-case words");
  }

  @Test
  void theBoundKeepsThePlainFormOfEveryExample() {
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      intents.add(new Intent("i" + i, List.of("example " + i + " on {day} at {time} for {number}"), List.of(), List.of(),
          "ok", null, null, null));
    }
    List<String> big = new AgentScript("Hi", "Sorry?", null, intents).phrases();
    assertThat(big).hasSize(PhraseHints.MAX_PHRASES).contains("example 39 on monday at ten for one");
  }
}
