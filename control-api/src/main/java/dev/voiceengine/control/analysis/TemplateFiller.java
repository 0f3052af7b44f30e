package dev.voiceengine.control.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills an agent's custom fields from the transcript without a model. The caller's words are searched first, then
 * the agent's (a scripted agent repeats the slot values it heard: "Tuesday at 3 pm, is that right?"):
 * <ul>
 *   <li>a field's pattern, when configured, gives its value (first group, or the whole match);</li>
 *   <li>boolean: true when a keyword occurs in the caller's words, false otherwise (null without keywords or
 *       pattern: the heuristic cannot tell);</li>
 *   <li>enum: the first allowed value that occurs;</li>
 *   <li>number: the first number said (digits or the words one to twenty);</li>
 *   <li>string: a keyword that occurs, else by the field's name: a day, a time or a name.</li>
 * </ul>
 */
final class TemplateFiller {
  private static final Pattern DAY = Pattern.compile(
      "\\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow)\\b");
  private static final Pattern TIME = Pattern.compile(
      "\\b((?:[01]?\\d|2[0-3])(?::[0-5]\\d)?\\s*(?:a\\.?m\\.?|p\\.?m\\.?)|(?:[01]?\\d|2[0-3]):[0-5]\\d|noon|midday)");
  private static final Pattern NAME = Pattern.compile(
      "\\b(?i:my name is|this is|i am|i'm|it's)\\s+([A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?)");
  private static final List<String> NUMBER_WORDS = List.of("zero", "one", "two", "three", "four", "five", "six",
      "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
      "seventeen", "eighteen", "nineteen", "twenty");
  /** The first number said on its own: digits (not inside a code like AB1234) or a number word. */
  private static final Pattern NUMBER = Pattern.compile(
      "(?i)(?<![\\w.])(\\d+(?:\\.\\d+)?|" + String.join("|", NUMBER_WORDS) + ")\\b");

  private TemplateFiller() {}

  /** The value of each field, in order; null where nothing was found. */
  static Map<String, Object> fill(List<AnalysisField> fields, List<String> callerTexts, List<String> agentTexts) {
    Map<String, Object> values = new LinkedHashMap<>();
    String caller = String.join("\n", callerTexts);
    String agent = String.join("\n", agentTexts);
    for (AnalysisField field : fields) {
      Object value = field.type() == FieldType.BOOLEAN ? bool(field, caller) : value(field, caller);
      if (value == null && field.type() != FieldType.BOOLEAN) {
        value = value(field, agent);
      }
      values.put(field.name(), value);
    }
    return values;
  }

  private static Boolean bool(AnalysisField field, String caller) {
    if (field.pattern() != null) {
      return field.pattern().matcher(caller).find();
    }
    if (field.keywords().isEmpty()) {
      return null;
    }
    List<String> words = Words.of(caller);
    return field.keywords().stream().anyMatch(k -> Words.contains(words, k));
  }

  private static Object value(AnalysisField field, String text) {
    if (text.isBlank()) {
      return null;
    }
    if (field.pattern() != null) {
      Matcher m = field.pattern().matcher(text);
      return m.find() ? typed(field, m.groupCount() > 0 && m.group(1) != null ? m.group(1) : m.group()) : null;
    }
    List<String> words = Words.of(text);
    return switch (field.type()) {
      case ENUM -> field.values().stream().filter(v -> Words.contains(words, v)).findFirst().orElse(null);
      case NUMBER -> number(text);
      case STRING -> string(field, text, words);
      case BOOLEAN -> null;
    };
  }

  private static Object typed(AnalysisField field, String raw) {
    String value = raw.strip();
    return switch (field.type()) {
      case NUMBER -> number(value);
      case ENUM -> field.values().stream().filter(v -> v.equalsIgnoreCase(value)).findFirst().orElse(null);
      case BOOLEAN -> Boolean.TRUE;
      case STRING -> value.isEmpty() ? null : value;
    };
  }

  private static Number number(String text) {
    Matcher m = NUMBER.matcher(text);
    if (!m.find()) {
      return null;
    }
    String said = m.group(1).toLowerCase(Locale.ROOT);
    int n = NUMBER_WORDS.indexOf(said);
    if (n >= 0) {
      return (long) n;
    }
    try {
      return said.contains(".") ? (Number) Double.parseDouble(said) : (Number) Long.parseLong(said);
    } catch (NumberFormatException e) {
      return null; // more digits than a long holds: not a number anyone said
    }
  }

  private static String string(AnalysisField field, String text, List<String> words) {
    for (String keyword : field.keywords()) {
      if (Words.contains(words, keyword)) {
        return keyword;
      }
    }
    String name = field.name();
    String lower = text.toLowerCase(Locale.ROOT);
    if (name.contains("day") || name.contains("date")) {
      return first(DAY, lower);
    } else if (name.contains("time")) {
      return first(TIME, lower);
    } else if (name.contains("name")) {
      Matcher m = NAME.matcher(text);
      return m.find() ? m.group(1) : null;
    }
    return null;
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1).strip() : null;
  }
}
