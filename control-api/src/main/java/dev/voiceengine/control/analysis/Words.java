package dev.voiceengine.control.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lower-case words of a transcript (letters, digits and inner apostrophes), the unit every heuristic counts. */
final class Words {
  private Words() {}

  static List<String> of(String text) {
    List<String> words = new ArrayList<>();
    if (text == null) {
      return words;
    }
    StringBuilder word = new StringBuilder();
    String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c) || (c == '\'' && word.length() > 0)) {
        word.append(c);
      } else if (word.length() > 0) {
        add(words, word);
      }
    }
    if (word.length() > 0) {
      add(words, word);
    }
    return words;
  }

  private static void add(List<String> words, StringBuilder word) {
    int end = word.length();
    while (end > 0 && word.charAt(end - 1) == '\'') {
      end--;
    }
    if (end > 0) {
      words.add(word.substring(0, end));
    }
    word.setLength(0);
  }

  /**
   * Whether the words contain the phrase (its words in a row). A one-word phrase of four letters or more also
   * matches longer forms of it ("cancel" finds "cancelled", "book" finds "booking").
   */
  static boolean contains(List<String> words, String phrase) {
    List<String> wanted = of(phrase);
    if (wanted.isEmpty()) {
      return false;
    }
    if (wanted.size() == 1) {
      String w = wanted.get(0);
      return words.stream().anyMatch(x -> x.equals(w) || (w.length() >= 4 && x.startsWith(w)));
    }
    for (int i = 0; i + wanted.size() <= words.size(); i++) {
      if (words.subList(i, i + wanted.size()).equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
