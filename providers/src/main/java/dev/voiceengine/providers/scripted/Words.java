package dev.voiceengine.providers.scripted;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words as the scripted agent compares them: lower-case tokens without punctuation, and a similarity between two words
 * that forgives what speech recognisers get wrong (plurals, endings, one or two letters).
 */
final class Words {
  /** Function words: they count for little when an utterance is compared with an example. */
  static final Set<String> FILLERS = Set.of(
      "a", "an", "the", "i", "i'd", "i'm", "i'll", "me", "my", "we", "you", "your", "it", "it's", "is", "are", "am",
      "be", "to", "for", "on", "at", "in", "of", "and", "or", "so", "do", "does", "can", "could", "would", "will",
      "like", "want", "please", "that", "this", "there", "what", "with", "some", "any", "just", "um", "uh", "er",
      "oh", "hi", "hello", "well", "okay", "ok", "yeah", "get", "have", "has", "about", "if", "then", "as");

  private Words() {}

  /**
   * Lower-case tokens of {@code text}: "a.m."/"p.m." become "am"/"pm", "3pm" becomes "3 pm", "o'clock" becomes
   * "oclock"; apostrophes inside words and colons inside times ("10:30") survive, other punctuation separates.
   */
  static List<String> tokens(String text) {
    String s = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    s = s.replaceAll("\\b([ap])\\.\\s?m\\b\\.?", "$1m");
    s = s.replaceAll("(\\d)(am|pm)\\b", "$1 $2");
    s = s.replaceAll("\\bo'?\\s?clock\\b", "oclock");
    s = s.replaceAll("[^a-z0-9':]+", " ");
    List<String> out = new ArrayList<>();
    for (String raw : s.trim().split(" +")) {
      String t = raw.replaceAll("^[':]+|[':]+$", "");
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return out;
  }

  /** How much a word weighs when utterances are compared: function words little, the rest fully. */
  static double weight(String token) {
    return FILLERS.contains(token) ? 0.25 : 1.0;
  }

  /**
   * 1 for the same word, 0.8 for the same stem or a near spelling (one edit in words of five letters or more, two
   * in words of eight or more), else 0. Placeholders such as {@code {day}} only match themselves.
   */
  static double similarity(String a, String b) {
    if (a.equals(b)) {
      return 1.0;
    }
    if (a.startsWith("{") || b.startsWith("{")) {
      return 0.0;
    }
    if (stem(a).equals(stem(b))) {
      return 0.8;
    }
    int shorter = Math.min(a.length(), b.length());
    int allowed = shorter >= 8 ? 2 : shorter >= 5 ? 1 : 0;
    if (allowed > 0 && Math.abs(a.length() - b.length()) <= allowed && distance(a, b) <= allowed) {
      return 0.8;
    }
    return 0.0;
  }

  static String stem(String w) {
    String s = w.endsWith("'s") ? w.substring(0, w.length() - 2) : w;
    for (String suffix : new String[] {"ing", "ed", "es", "s"}) {
      if (s.length() > suffix.length() + 2 && s.endsWith(suffix)) {
        return s.substring(0, s.length() - suffix.length());
      }
    }
    return s;
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Upper-cases the first letter of each word: "john smith" becomes "John Smith". */
  static String capitalise(String words) {
    StringBuilder sb = new StringBuilder(words.length());
    boolean start = true;
    for (char c : words.toCharArray()) {
      sb.append(start ? Character.toUpperCase(c) : c);
      start = c == ' ' || c == '-';
    }
    return sb.toString();
  }
}
