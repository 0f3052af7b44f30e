package dev.voiceengine.providers.scripted;

import java.util.List;

/** Numbers as callers say them and as recognisers write them: "7", "seven", "twenty five", "one hundred and two". */
final class NumberWords {
  private static final List<String> UNITS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
      "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
      "eighteen", "nineteen");
  private static final List<String> TENS = List.of("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
      "eighty", "ninety");

  /** A number read at some position: its value and how many tokens it took. */
  record Parsed(int value, int length) {}

  private NumberWords() {}

  /** The number starting at {@code tokens[i]}, or null when none starts there. */
  static Parsed parse(List<String> tokens, int i) {
    if (i >= tokens.size()) {
      return null;
    }
    String t = tokens.get(i);
    if (t.matches("\\d{1,6}")) {
      return new Parsed(Integer.parseInt(t), 1);
    }
    Parsed head = belowHundred(tokens, i);
    if (head == null) {
      return null;
    }
    int end = i + head.length();
    if (head.value() > 0 && head.value() < 10 && end < tokens.size() && tokens.get(end).equals("hundred")) {
      int value = head.value() * 100;
      int next = end + 1;
      if (next < tokens.size() && tokens.get(next).equals("and")) {
        next++;
      }
      Parsed rest = belowHundred(tokens, next);
      if (rest != null && rest.value() > 0) {
        return new Parsed(value + rest.value(), next + rest.length() - i);
      }
      return new Parsed(value, end + 1 - i);
    }
    return head;
  }

  private static Parsed belowHundred(List<String> tokens, int i) {
    if (i >= tokens.size()) {
      return null;
    }
    String t = tokens.get(i);
    int unit = UNITS.indexOf(t);
    if (unit >= 0) {
      return new Parsed(unit, 1);
    }
    int tens = TENS.indexOf(t);
    if (tens >= 2) {
      int u = i + 1 < tokens.size() ? UNITS.indexOf(tokens.get(i + 1)) : -1;
      return u >= 1 && u <= 9 ? new Parsed(tens * 10 + u, 2) : new Parsed(tens * 10, 1);
    }
    return null;
  }

  /** Whether the token is a number word or digits. */
  static boolean isNumberToken(String t) {
    return t.matches("\\d+") || UNITS.contains(t) || TENS.indexOf(t) >= 2 || t.equals("hundred");
  }

  /** English words for 0..99: 7 is "seven", 45 is "forty five". */
  static String words(int n) {
    if (n < 20) {
      return UNITS.get(n);
    }
    return n % 10 == 0 ? TENS.get(n / 10) : TENS.get(n / 10) + " " + UNITS.get(n % 10);
  }
}
