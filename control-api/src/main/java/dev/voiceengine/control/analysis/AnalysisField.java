package dev.voiceengine.control.analysis;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One named field of an agent's custom analysis template, e.g. {@code appointment_day} (enum of weekdays) or
 * {@code callback_wanted} (boolean). A model fills it by its instructions; the heuristic by the keywords or the
 * pattern when given, else by what the name suggests (a day, a time, a name, a number).
 *
 * @param name         the key in the stored JSON: lower case letters, digits and underscores
 * @param type         what the value is
 * @param values       the allowed values of an enum (empty otherwise)
 * @param instructions what the field means, for the model
 * @param keywords     heuristic: words or phrases of the caller that make a boolean true (or a string/enum hit)
 * @param pattern      heuristic: a regular expression over the caller's words; its first group (or the whole
 *                     match) is the value; null when none
 */
public record AnalysisField(String name, FieldType type, List<String> values, String instructions,
    List<String> keywords, Pattern pattern) {
  /** Names a template field may have. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  public AnalysisField {
    Objects.requireNonNull(type, "type");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("analysis field name must match " + NAME.pattern() + ": " + name);
    }
    if (name.equals(AnalysisRows.MODEL_ERROR)) {
      throw new IllegalArgumentException("analysis field name " + name + " is reserved");
    }
    values = values == null ? List.of() : List.copyOf(values);
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    instructions = instructions == null ? "" : instructions;
    if (type == FieldType.ENUM && values.isEmpty()) {
      throw new IllegalArgumentException("analysis field " + name + " is an enum without values");
    }
  }

  /** A field with only a type and instructions (and the values of an enum). */
  public static AnalysisField of(String name, FieldType type, List<String> values, String instructions) {
    return new AnalysisField(name, type, values, instructions, List.of(), null);
  }
}
