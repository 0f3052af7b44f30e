package dev.voiceengine.conversation;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts streamed text into sentences so that speech synthesis can start on the first sentence while the model is
 * still writing the rest. A sentence ends at '.', '!' or '?' (or ';', or a newline) followed by whitespace, unless
 * the period belongs to a number ("3.5") or a common abbreviation ("Dr."). A first fragment that grows long without
 * a boundary is cut at a comma, so the first audio is not held back by one long sentence.
 */
public final class SentenceSplitter {
  private static final int LONG_FIRST_FRAGMENT = 80;
  private static final List<String> ABBREVIATIONS =
      List.of("mr.", "mrs.", "ms.", "dr.", "st.", "e.g.", "i.e.", "etc.", "vs.", "no.");

  private final StringBuilder pending = new StringBuilder();
  private boolean emittedAny;

  /** Adds a piece of text; returns the sentences it completed (trimmed, never empty). */
  public List<String> add(String delta) {
    pending.append(delta);
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < pending.length() - 1; i++) {
      if (isBoundary(i) && Character.isWhitespace(pending.charAt(i + 1))) {
        addTrimmed(out, pending.substring(from, i + 1));
        from = i + 1;
      }
    }
    pending.delete(0, from);
    if (!emittedAny && out.isEmpty() && pending.length() > LONG_FIRST_FRAGMENT) {
      int comma = pending.lastIndexOf(", ");
      if (comma > 20) {
        addTrimmed(out, pending.substring(0, comma + 1));
        pending.delete(0, comma + 1);
      }
    }
    emittedAny |= !out.isEmpty();
    return out;
  }

  /** The end of the text: whatever is left, as a last sentence (or nothing). */
  public List<String> flush() {
    List<String> out = new ArrayList<>();
    addTrimmed(out, pending.toString());
    pending.setLength(0);
    return out;
  }

  private boolean isBoundary(int i) {
    char c = pending.charAt(i);
    if (c == '!' || c == '?' || c == ';' || c == '\n') {
      return true;
    }
    if (c != '.') {
      return false;
    }
    if (i > 0 && Character.isDigit(pending.charAt(i - 1)) && i + 1 < pending.length()
        && Character.isDigit(pending.charAt(i + 1))) {
      return false;
    }
    int wordStart = i;
    while (wordStart > 0 && !Character.isWhitespace(pending.charAt(wordStart - 1))) {
      wordStart--;
    }
    String word = pending.substring(wordStart, i + 1).toLowerCase(java.util.Locale.ROOT);
    return !ABBREVIATIONS.contains(word);
  }

  private static void addTrimmed(List<String> out, String s) {
    String t = s.strip();
    if (!t.isEmpty()) {
      out.add(t);
    }
  }
}
