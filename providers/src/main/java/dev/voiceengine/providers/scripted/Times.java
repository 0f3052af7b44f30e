package dev.voiceengine.providers.scripted;

import java.util.List;
import java.util.Set;

/**
 * Times of day as callers say them ("ten", "10 am", "half past two", "3 pm", "noon", "ten thirty") normalised to
 * "HH:MM" (24-hour), and back to words for replies ("ten o'clock", "half past two in the afternoon").
 */
final class Times {
  private static final Set<String> LEAD_INS = Set.of("at", "around", "about", "by", "after", "before", "from", "till",
      "until");

  /** A time read at some position: "HH:MM" and how many tokens it took. */
  record Parsed(String value, int length) {}

  private Times() {}

  /**
   * The time starting at {@code tokens[i]}, or null. A bare hour ("ten") counts as a time only after a lead-in such
   * as "at", with o'clock or am/pm, or when the agent has just asked for a time ({@code expected}). Without am/pm,
   * one to seven means the afternoon (office hours).
   */
  static Parsed parse(List<String> tokens, int i, boolean expected) {
    String t = tokens.get(i);
    if (t.equals("noon") || t.equals("midday")) {
      return new Parsed("12:00", 1);
    }
    if (t.equals("midnight")) {
      return new Parsed("00:00", 1);
    }
    if ((t.equals("half") || t.equals("quarter")) && i + 2 < tokens.size()) {
      String rel = tokens.get(i + 1);
      NumberWords.Parsed h = NumberWords.parse(tokens, i + 2);
      if ((rel.equals("past") || rel.equals("to")) && h != null && h.value() >= 1 && h.value() <= 12) {
        int minutes = t.equals("half") ? 30 : rel.equals("past") ? 15 : -15;
        if (t.equals("half") && rel.equals("to")) {
          return null;
        }
        return withSuffix(tokens, i, i + 2 + h.length(), h.value(), minutes, true);
      }
      return null;
    }
    if (t.matches("\\d{1,2}:\\d{2}")) {
      int h = Integer.parseInt(t.substring(0, t.indexOf(':')));
      int m = Integer.parseInt(t.substring(t.indexOf(':') + 1));
      return h <= 23 && m <= 59 ? withSuffix(tokens, i, i + 1, h, m, true) : null;
    }
    NumberWords.Parsed hour = NumberWords.parse(tokens, i);
    if (hour == null || hour.length() != 1 || hour.value() < 1 || hour.value() > 23) {
      return null;
    }
    int end = i + 1;
    int minutes = 0;
    boolean explicit = false;
    if (end < tokens.size() && tokens.get(end).equals("oh") && end + 1 < tokens.size()) {
      NumberWords.Parsed m = NumberWords.parse(tokens, end + 1);
      if (m != null && m.value() >= 1 && m.value() <= 9) {
        minutes = m.value();
        end += 1 + m.length();
      }
    } else if (end < tokens.size()) {
      NumberWords.Parsed m = NumberWords.parse(tokens, end);
      if (m != null && m.value() >= 10 && m.value() <= 59 && hour.value() <= 12) {
        minutes = m.value();
        end += m.length();
      }
    }
    if (end < tokens.size() && tokens.get(end).equals("oclock")) {
      end++;
      explicit = true;
    }
    boolean leadIn = i > 0 && LEAD_INS.contains(tokens.get(i - 1));
    Parsed p = withSuffix(tokens, i, end, hour.value(), minutes, false);
    boolean suffixed = p.length() > end - i;
    return explicit || suffixed || leadIn || expected ? p : null;
  }

  /** Applies an am/pm-like suffix after {@code end} if any; minutes below zero mean "quarter to". */
  private static Parsed withSuffix(List<String> tokens, int start, int end, int hour, int minutes, boolean explicit) {
    int h = hour;
    int m = minutes;
    int pm = 0; // 1 pm, -1 am, 0 unsaid
    int next = end;
    String a = end < tokens.size() ? tokens.get(end) : "";
    String b = end + 1 < tokens.size() ? tokens.get(end + 1) : "";
    String c = end + 2 < tokens.size() ? tokens.get(end + 2) : "";
    if (a.equals("pm") || a.equals("tonight")) {
      pm = 1;
      next = end + 1;
    } else if (a.equals("am")) {
      pm = -1;
      next = end + 1;
    } else if ((a.equals("p") || a.equals("a")) && b.equals("m")) {
      pm = a.equals("p") ? 1 : -1;
      next = end + 2;
    } else if ((a.equals("in") && b.equals("the")) || a.equals("this")) {
      String part = a.equals("this") ? b : c;
      int len = a.equals("this") ? 2 : 3;
      if (part.equals("morning")) {
        pm = -1;
        next = end + len;
      } else if (part.equals("afternoon") || part.equals("evening")) {
        pm = 1;
        next = end + len;
      }
    }
    if (h <= 12) {
      if (pm > 0 && h < 12) {
        h += 12;
      } else if (pm < 0 && h == 12) {
        h = 0;
      } else if (pm == 0 && h >= 1 && h <= 7) {
        h += 12;
      }
    }
    if (m < 0) {
      h = (h + 23) % 24;
      m += 60;
    }
    return new Parsed(String.format("%02d:%02d", h, m), next - start);
  }

  /** Whether {@code value} is a normalised time "HH:MM". */
  static boolean isNormalised(String value) {
    return value != null && value.matches("([01]\\d|2[0-3]):[0-5]\\d");
  }

  /** Words for a normalised time: "10:00" is "ten o'clock", "14:30" is "half past two in the afternoon". */
  static String spoken(String hhmm) {
    int h = Integer.parseInt(hhmm.substring(0, 2));
    int m = Integer.parseInt(hhmm.substring(3, 5));
    if (m == 0 && h == 12) {
      return "noon";
    }
    if (m == 0 && h == 0) {
      return "midnight";
    }
    int h12 = h % 12 == 0 ? 12 : h % 12;
    int next12 = h12 % 12 + 1;
    String base;
    if (m == 0) {
      base = NumberWords.words(h12) + " o'clock";
    } else if (m == 15) {
      base = "quarter past " + NumberWords.words(h12);
    } else if (m == 30) {
      base = "half past " + NumberWords.words(h12);
    } else if (m == 45) {
      base = "quarter to " + NumberWords.words(next12);
    } else {
      base = NumberWords.words(h12) + (m < 10 ? " oh " : " ") + NumberWords.words(m);
    }
    int periodHour = m == 45 ? h + 1 : h;
    if (periodHour < 8) {
      return base + " in the morning";
    }
    if (periodHour >= 18) {
      return base + " in the evening";
    }
    return periodHour >= 13 ? base + " in the afternoon" : base;
  }
}
