package dev.voiceengine.providers.scripted;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the built-in slots in a caller's words: days ("friday", "tomorrow"), times (see {@link Times}), names ("my
 * name is Anna", "this is Anna", "I'm Anna") and numbers (digits or words). Works on recogniser output, so it expects
 * lower-case text without punctuation as readily as typed text.
 */
final class SlotExtractor {
  private static final List<String> DAYS = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday");
  private static final Set<String> NOT_NAMES = Set.of("calling", "looking", "wondering", "trying", "hoping",
      "interested", "fine", "good", "great", "sorry", "not", "just", "here", "also", "still", "very", "really",
      "happy", "glad", "available", "free", "new", "back", "late", "open", "closed", "sure", "afraid", "going",
      "done", "ready", "after", "actually", "yes", "no", "yeah", "thanks", "thank", "okay", "gonna", "wanting",
      "checking", "an", "the", "a", "about", "from", "with", "regarding", "again", "all", "right", "sorted", "bye",
      "goodbye", "name", "today", "tomorrow", "morning", "afternoon", "evening", "noon", "oclock", "am", "pm");

  /** One slot found in an utterance: its normalised value and the tokens it spans. */
  record Found(Slot slot, String value, int start, int length) {}

  /** What an utterance holds: the slots, and its tokens with each slot's span replaced by its placeholder. */
  record Extraction(List<Found> found, List<String> pattern) {
    /** The first value of each slot found. */
    Map<Slot, String> values() {
      Map<Slot, String> out = new EnumMap<>(Slot.class);
      for (Found f : found) {
        out.putIfAbsent(f.slot(), f.value());
      }
      return out;
    }
  }

  private final Set<String> vocabulary;

  /** @param vocabulary the script's own words, which are never taken for a name unless the caller says "my name is". */
  SlotExtractor(Set<String> vocabulary) {
    this.vocabulary = Set.copyOf(vocabulary);
  }

  /** The slots in {@code text}; {@code expected} (may be null) is the slot the agent just asked for. */
  Extraction extract(String text, Slot expected) {
    List<String> tokens = Words.tokens(text);
    Found[] at = new Found[tokens.size()];
    boolean[] used = new boolean[tokens.size()];
    for (int i = 0; i < tokens.size(); i++) {
      if (!used[i]) {
        Times.Parsed t = Times.parse(tokens, i, expected == Slot.TIME);
        if (t != null) {
          mark(at, used, new Found(Slot.TIME, t.value(), i, t.length()));
        }
      }
    }
    for (int i = 0; i < tokens.size(); i++) {
      String day = used[i] ? null : day(tokens.get(i));
      if (day != null) {
        mark(at, used, new Found(Slot.DAY, day, i, 1));
      }
    }
    Found name = name(tokens, used, expected == Slot.NAME);
    if (name != null) {
      mark(at, used, name);
    }
    for (int i = 0; i < tokens.size(); i++) {
      NumberWords.Parsed n = used[i] ? null : NumberWords.parse(tokens, i);
      if (n != null && free(used, i, n.length())) {
        mark(at, used, new Found(Slot.NUMBER, Integer.toString(n.value()), i, n.length()));
      }
    }
    List<Found> found = new ArrayList<>();
    List<String> pattern = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (at[i] != null) {
        found.add(at[i]);
        pattern.add(at[i].slot().placeholder());
      } else if (!used[i]) {
        pattern.add(tokens.get(i));
      }
    }
    return new Extraction(List.copyOf(found), List.copyOf(pattern));
  }

  /** "Friday" for "friday" or "fridays", "today", "tomorrow"; null for other words. */
  static String day(String token) {
    if (token.equals("today") || token.equals("tomorrow")) {
      return token;
    }
    String t = token.endsWith("s") ? token.substring(0, token.length() - 1) : token;
    return DAYS.contains(t) ? Words.capitalise(t) : null;
  }

  /** Every day value a caller may give, as spoken. */
  static List<String> dayWords() {
    List<String> out = new ArrayList<>(DAYS);
    out.add("today");
    out.add("tomorrow");
    return out;
  }

  private Found name(List<String> t, boolean[] used, boolean expected) {
    for (int i = 0; i < t.size(); i++) {
      int after = -1;
      boolean strong = false;
      if (match(t, i, "my", "name", "is") || match(t, i, "my", "name's")) {
        after = i + (t.get(i + 1).equals("name") ? 3 : 2);
        strong = true;
      } else if (match(t, i, "name", "is") || match(t, i, "call", "me")) {
        after = i + 2;
        strong = true;
      } else if (match(t, i, "this", "is") || match(t, i, "i", "am")) {
        after = i + 2;
      } else if (t.get(i).equals("i'm") || (expected && t.get(i).equals("it's"))) {
        after = i + 1;
      }
      if (after >= 0) {
        Found f = nameAt(t, used, after, strong || expected);
        if (f != null) {
          return f;
        }
      }
    }
    if (expected && t.size() <= 4) {
      for (int i = 0; i < t.size(); i++) {
        Found f = nameAt(t, used, i, false);
        if (f != null) {
          return f;
        }
      }
    }
    return null;
  }

  private Found nameAt(List<String> t, boolean[] used, int i, boolean strong) {
    if (i >= t.size() || used[i] || !nameLike(t.get(i), strong)) {
      return null;
    }
    boolean two = i + 1 < t.size() && !used[i + 1] && nameLike(t.get(i + 1), strong);
    String value = two ? t.get(i) + " " + t.get(i + 1) : t.get(i);
    return new Found(Slot.NAME, Words.capitalise(value), i, two ? 2 : 1);
  }

  private boolean nameLike(String w, boolean strong) {
    if (!w.matches("[a-z][a-z'-]+") || Words.FILLERS.contains(w) || NOT_NAMES.contains(w)
        || NumberWords.isNumberToken(w) || day(w) != null) {
      return false;
    }
    return strong || (!w.endsWith("ing") && !vocabulary.contains(w));
  }

  private static boolean match(List<String> t, int i, String... words) {
    if (i + words.length > t.size()) {
      return false;
    }
    for (int k = 0; k < words.length; k++) {
      if (!t.get(i + k).equals(words[k])) {
        return false;
      }
    }
    return true;
  }

  private static boolean free(boolean[] used, int start, int length) {
    for (int i = start; i < start + length; i++) {
      if (used[i]) {
        return false;
      }
    }
    return true;
  }

  private static void mark(Found[] at, boolean[] used, Found f) {
    at[f.start()] = f;
    for (int i = f.start(); i < f.start() + f.length(); i++) {
      used[i] = true;
    }
  }
}
