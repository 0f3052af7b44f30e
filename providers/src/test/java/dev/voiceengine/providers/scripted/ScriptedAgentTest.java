package dev.voiceengine.providers.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped receptionist, conversation by conversation. */
class ScriptedAgentTest {
  private static final ScriptedAgent AGENT = new ScriptedAgent(AgentScript.reception());

  /** Says each caller line in turn and returns every reply. */
  private static List<Reply> talk(String... caller) {
    List<Reply> replies = new ArrayList<>();
    List<String> turns = new ArrayList<>();
    for (String line : caller) {
      turns.add(line);
      replies.add(AGENT.respond(turns));
    }
    return replies;
  }

  @Test
  void opensWithTheFirstMessage() {
    Reply r = AGENT.respond(List.of());
    assertThat(r.text()).isEqualTo("Thanks for calling Acme Dental. How can I help?");
    assertThat(r.tool()).isNull();
  }

  @Test
  void booksInOneUtterance() {
    Reply r = talk("I would like to book an appointment for Friday").get(0);
    assertThat(r.intentId()).isEqualTo("book");
    assertThat(r.text()).contains("booked", "Friday").contains("ten o'clock")
        .startsWith("Great, I've booked you in for Friday at ten o'clock.");
    assertThat(r.tool()).isNull();
  }

  @Test
  void usesTheTimeTheCallerGave() {
    Reply r = talk("can I come on Tuesday at 3 pm").get(0);
    assertThat(r.text()).contains("booked you in for Tuesday at three o'clock in the afternoon");
  }

  @Test
  void asksForAMissingDayAndBooksWhenGiven() {
    List<Reply> r = talk("I'd like to make an appointment", "friday at half past two");
    assertThat(r.get(0).text()).isEqualTo("Which day would suit you?");
    assertThat(r.get(0).intentId()).isEqualTo("ask:day");
    assertThat(r.get(1).intentId()).isEqualTo("book");
    assertThat(r.get(1).text()).contains("booked you in for Friday at half past two in the afternoon");
  }

  @Test
  void asksAgainWhenTheAnswerHoldsNoDay() {
    List<Reply> r = talk("I'd like to make an appointment", "hmm let me think", "tomorrow");
    assertThat(r.get(1).text()).isEqualTo("Which day would suit you?");
    assertThat(r.get(2).text()).contains("booked you in for tomorrow at ten o'clock");
  }

  @Test
  void capturesTheCallersNameAndUsesItLater() {
    List<Reply> r = talk("hi this is Anna", "I would like to book an appointment for Monday");
    assertThat(r.get(0).intentId()).isEqualTo("introduce");
    assertThat(r.get(0).text()).isEqualTo("Nice to meet you, Anna. How can I help?");
    assertThat(r.get(1).text()).startsWith("Great, Anna, I've booked you in for Monday");
  }

  @Test
  void answersOpeningHours() {
    Reply r = talk("what are your opening hours").get(0);
    assertThat(r.intentId()).isEqualTo("hours");
    assertThat(r.text()).contains("open Monday to Friday");
  }

  @ParameterizedTest
  @ValueSource(strings = {"can I talk to a person", "I want to speak to someone please", "real person"})
  void transfersToAPerson(String line) {
    Reply r = talk(line).get(0);
    assertThat(r.intentId()).isEqualTo("person");
    assertThat(r.tool()).isEqualTo("transfer");
    assertThat(r.transferTo()).isEqualTo("front-desk");
  }

  @Test
  void saysGoodbyeAndEndsTheCallAfterABooking() {
    List<Reply> r = talk("I would like to book an appointment for Friday", "no thanks, goodbye");
    assertThat(r.get(0).text()).endsWith("Is there anything else I can help with?");
    assertThat(r.get(1).intentId()).isEqualTo("goodbye");
    assertThat(r.get(1).text()).isEqualTo("Thanks for calling Acme Dental. Goodbye!");
    assertThat(r.get(1).tool()).isEqualTo("end_call");
    assertThat(r.get(1).turn()).isEqualTo(2);
  }

  @Test
  void aFullCall() {
    List<Reply> r = talk("hello", "my name is john smith", "when are you open", "ok can I come in on wednesday",
        "yes", "no thank you");
    assertThat(r).extracting(Reply::intentId)
        .containsExactly("hello", "introduce", "hours", "book", "more", "goodbye");
    assertThat(r.get(3).text()).contains("John Smith", "Wednesday");
  }

  @Test
  void fallsBackOnWordsItDoesNotKnow() {
    Reply r = talk("the quick brown fox jumps over the lazy dog").get(0);
    assertThat(r.intentId()).isEqualTo("fallback");
    assertThat(r.text()).startsWith("Sorry, I didn't catch that.");
    assertThat(r.tool()).isNull();
  }

  @Test
  void anotherIntentAskedOutrightWinsOverAPendingSlot() {
    List<Reply> r = talk("I'd like to make an appointment", "actually can I speak to a person");
    assertThat(r.get(1).intentId()).isEqualTo("person");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "i would like to book an appointment for friday",
      "would like to book an appointment for friday",
      "i would like to book appointment friday",
      "i would like to look an appointment for friday",
      "i would like to book an appoint mint for friday",
      "hi i wood like two book and appointments four friday",
      "i would like to book a an appointment for friday please",
      "uh yeah i'd like to book for friday"})
  void recognitionErrorsStillBook(String heard) {
    Reply r = talk(heard).get(0);
    assertThat(r.intentId()).as(heard).isEqualTo("book");
    assertThat(r.text()).contains("booked", "Friday");
  }

  @Test
  void cancelsAnAppointment() {
    Reply r = talk("I need to cancel my appointment on thursday").get(0);
    assertThat(r.intentId()).isEqualTo("cancel");
    assertThat(r.text()).contains("cancelled", "Thursday");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no thanks, goodbye", "no thank you", "okay thanks", "that's all, bye", "no"})
  void waysOfSayingGoodbye(String line) {
    Reply r = talk("what are your opening hours", line).get(1);
    assertThat(r.intentId()).as(line).isEqualTo("goodbye");
    assertThat(r.tool()).isEqualTo("end_call");
  }

  @Test
  void aNameGivenWithTheBookingIsUsedInIt() {
    Reply r = talk("I'd like an appointment on Friday please, my name is Tom Jones").get(0);
    assertThat(r.text()).startsWith("Great, Tom Jones, I've booked you in for Friday");
  }

  @Test
  void asksForEachMissingSlotInTurnAndReadsBareAnswers() {
    Intent order = new Intent("table", List.of("a table for {number} on {day} at {time}"), List.of("table"),
        List.of("day", "time", "number", "name"), "A table for {number}, {day} at {time}, for {name}.", null, null,
        null);
    ScriptedAgent agent = new ScriptedAgent(new AgentScript("Hi", "Sorry?",
        java.util.Map.of("time", new SlotSpec("When?", null)), List.of(order)));
    List<String> turns = new ArrayList<>();
    List<String> replies = new ArrayList<>();
    for (String line : List.of("I'd like a table", "saturday", "eight", "four", "it's maria")) {
      turns.add(line);
      replies.add(agent.respond(turns).text());
    }
    assertThat(replies).containsExactly("Which day would suit you?", "When?", "How many?",
        "May I have your name, please?", "A table for 4, Saturday at eight o'clock, for Maria.");
  }
}
