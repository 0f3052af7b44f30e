package dev.voiceengine.providers.scripted;

import java.util.Map;
import java.util.regex.Matcher;

/**
 * Fills reply templates: {slot} placeholders take the slot's value (a time in words), and a [bracketed part] is kept
 * only when every slot inside it is known, so "Great[, {name}], you're booked." reads well with or without a name.
 */
final class Templates {
  private Templates() {}

  static String render(String template, Map<Slot, String> values) {
    Matcher optional = ScriptValidator.OPTIONAL_PART.matcher(template);
    StringBuilder sb = new StringBuilder();
    while (optional.find()) {
      String part = optional.group(1);
      boolean known = ScriptValidator.placeholders(part, "reply").stream().allMatch(values::containsKey);
      optional.appendReplacement(sb, Matcher.quoteReplacement(known ? part : ""));
    }
    optional.appendTail(sb);
    Matcher m = ScriptValidator.PLACEHOLDER.matcher(sb.toString());
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Slot slot = Slot.byKey(m.group(1));
      String value = slot == null ? null : values.get(slot);
      String said = value == null ? "" : slot == Slot.TIME && Times.isNormalised(value) ? Times.spoken(value) : value;
      m.appendReplacement(out, Matcher.quoteReplacement(said));
    }
    m.appendTail(out);
    return out.toString().replaceAll("\\s+", " ").replaceAll(" ([,.!?])", "$1").trim();
  }
}
