package dev.voiceengine.providers.scripted;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SlotExtractorTest {
  private final SlotExtractor extractor = new SlotExtractor(Set.of("book", "appointment"));

  private Map<Slot, String> slots(String text, Slot expected) {
    return extractor.extract(text, expected).values();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "I would like to book an appointment for Friday | Friday",
      "can i come on tuesday at 3 pm                 | Tuesday",
      "is there anything on mondays                  | Monday",
      "tomorrow please                               | tomorrow",
      "what about today                              | today",
      "SUNDAY.                                       | Sunday"})
  void findsDays(String text, String day) {
    assertThat(slots(text, null)).containsEntry(Slot.DAY, day);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "at ten                           | 10:00",
      "at 10 am                         | 10:00",
      "10am please                      | 10:00",
      "half past two                    | 14:30",
      "quarter past nine                | 09:15",
      "quarter to one                   | 12:45",
      "can I come on tuesday at 3 pm    | 15:00",
      "at 3 p.m.                        | 15:00",
      "at three p m                     | 15:00",
      "around noon                      | 12:00",
      "at ten thirty                    | 10:30",
      "10:45                            | 10:45",
      "eleven o'clock                   | 11:00",
      "at nine in the morning           | 09:00",
      "at six in the evening            | 18:00",
      "at 12 am                         | 00:00",
      "at four                          | 16:00",
      "at seven oh five                 | 19:05"})
  void findsTimes(String text, String time) {
    assertThat(slots(text, null)).containsEntry(Slot.TIME, time);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"ten | 10:00", "10 | 10:00", "two | 14:00", "half past ten | 10:30"})
  void aBareHourIsATimeWhenOneWasAskedFor(String text, String time) {
    assertThat(slots(text, Slot.TIME)).containsEntry(Slot.TIME, time);
  }

  @Test
  void aBareHourIsANumberOtherwise() {
    assertThat(slots("ten", null)).doesNotContainKey(Slot.TIME).containsEntry(Slot.NUMBER, "10");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "my name is anna                          | Anna",
      "My name is John Smith.                   | John Smith",
      "hi this is maria calling about my teeth  | Maria",
      "I'm Peter                                | Peter",
      "i am sofia and i would like to book      | Sofia",
      "call me bob                              | Bob",
      "my name's lee                            | Lee"})
  void findsNames(String text, String name) {
    assertThat(slots(text, null)).containsEntry(Slot.NAME, name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "i'm calling to book an appointment",
      "I am looking for an appointment",
      "this is about my appointment",
      "i'm not sure",
      "I would like to book an appointment for Friday"})
  void doesNotTakeOrdinaryWordsForNames(String text) {
    assertThat(slots(text, null)).doesNotContainKey(Slot.NAME);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"anna | Anna", "it's anna | Anna", "yes, Anna Lee | Anna Lee"})
  void aBareNameCountsWhenTheAgentAskedForIt(String text, String name) {
    assertThat(slots(text, Slot.NAME)).containsEntry(Slot.NAME, name);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "for 3 people                  | 3",
      "there are two of us           | 2",
      "twenty five                   | 25",
      "one hundred and two           | 102",
      "eleven                        | 11",
      "my number is 42               | 42"})
  void findsNumbers(String text, String number) {
    assertThat(slots(text, null)).containsEntry(Slot.NUMBER, number);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "can I come on tuesday at 3 pm | can i come on {day} at {time}",
      "my name is anna               | my name is {name}",
      "book for two on friday        | book for {number} on {day}"})
  void replacesSlotsByPlaceholdersInThePattern(String text, String pattern) {
    assertThat(String.join(" ", extractor.extract(text, null).pattern())).isEqualTo(pattern);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "10:00 | ten o'clock",
      "14:30 | half past two in the afternoon",
      "15:00 | three o'clock in the afternoon",
      "12:00 | noon",
      "09:15 | quarter past nine",
      "11:45 | quarter to twelve",
      "19:05 | seven oh five in the evening",
      "10:20 | ten twenty"})
  void speaksTimes(String hhmm, String words) {
    assertThat(Times.spoken(hhmm)).isEqualTo(words);
  }
}
