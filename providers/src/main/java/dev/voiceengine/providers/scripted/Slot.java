package dev.voiceengine.providers.scripted;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The built-in slots a script can ask for; each has its own extractor and a default question. */
public enum Slot {
  DAY("Which day would suit you?"),
  TIME("What time would suit you?"),
  NAME("May I have your name, please?"),
  NUMBER("How many?");

  private final String defaultAsk;

  Slot(String defaultAsk) {
    this.defaultAsk = defaultAsk;
  }

  /** The slot's name in scripts and placeholders: {@code day}, {@code time}, {@code name}, {@code number}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The question asked when a script does not give its own. */
  public String defaultAsk() {
    return defaultAsk;
  }

  /** The placeholder for this slot in examples and replies, e.g. {@code {day}}. */
  public String placeholder() {
    return "{" + key() + "}";
  }

  /** The slot of that name, or null. */
  public static Slot byKey(String key) {
    for (Slot s : values()) {
      if (s.key().equals(key)) {
        return s;
      }
    }
    return null;
  }

  /** "day, time, name, number", for error messages. */
  public static String keys() {
    return Arrays.stream(values()).map(Slot::key).collect(Collectors.joining(", "));
  }
}
