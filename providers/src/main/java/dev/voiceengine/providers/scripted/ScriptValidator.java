package dev.voiceengine.providers.scripted;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks a script when it is built, so that a mistake shows at start-up with the field that holds it. */
final class ScriptValidator {
  static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
  static final Pattern OPTIONAL_PART = Pattern.compile("\\[([^\\[\\]]*)]");

  private ScriptValidator() {}

  static void validate(String firstMessage, String fallback, Map<String, SlotSpec> slots, List<Intent> intents) {
    require(firstMessage, "first_message");
    require(fallback, "fallback");
    slots.forEach((key, spec) -> validateSlot(key, spec));
    if (intents == null || intents.isEmpty()) {
      throw fail("intents", "missing (a script needs at least one intent)");
    }
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < intents.size(); i++) {
      String at = "intents[" + i + "]";
      Intent intent = intents.get(i);
      if (intent == null) {
        throw fail(at, "missing");
      }
      require(intent.id(), at + ".id");
      if (!ids.add(intent.id())) {
        throw fail(at + ".id", "duplicate '" + intent.id() + "'");
      }
      validateIntent(at, intent, slots);
    }
  }

  private static void validateSlot(String key, SlotSpec spec) {
    Slot slot = Slot.byKey(key);
    String at = "slots." + key;
    if (slot == null) {
      throw fail(at, "unknown slot (known: " + Slot.keys() + ")");
    }
    if (spec == null) {
      throw fail(at, "missing (give ask and/or default)");
    }
    if (spec.ask() != null && spec.ask().isBlank()) {
      throw fail(at + ".ask", "blank");
    }
    String d = spec.defaultValue();
    if (d == null) {
      return;
    }
    boolean ok = switch (slot) {
      case TIME -> Times.isNormalised(d.trim());
      case DAY -> SlotExtractor.day(d.trim().toLowerCase(Locale.ROOT)) != null;
      case NUMBER -> d.trim().matches("\\d+");
      case NAME -> !d.isBlank();
    };
    if (!ok) {
      String want = switch (slot) {
        case TIME -> "a time HH:MM such as 10:00";
        case DAY -> "a day: monday..sunday, today or tomorrow";
        case NUMBER -> "digits";
        case NAME -> "a name";
      };
      throw fail(at + ".default", "'" + d + "' is not " + want);
    }
  }

  private static void validateIntent(String at, Intent intent, Map<String, SlotSpec> slots) {
    if (intent.examples().isEmpty() && intent.keywords().isEmpty()) {
      throw fail(at + ".examples", "missing (give examples or keywords)");
    }
    for (int j = 0; j < intent.examples().size(); j++) {
      String where = at + ".examples[" + j + "]";
      String example = intent.examples().get(j);
      require(example, where);
      placeholders(example, where);
      if (Words.tokens(example).isEmpty()) {
        throw fail(where, "has no words");
      }
    }
    for (int j = 0; j < intent.keywords().size(); j++) {
      String where = at + ".keywords[" + j + "]";
      require(intent.keywords().get(j), where);
      if (Words.tokens(intent.keywords().get(j)).isEmpty()) {
        throw fail(where, "has no words");
      }
    }
    Set<Slot> required = new HashSet<>();
    for (int j = 0; j < intent.requires().size(); j++) {
      String where = at + ".requires[" + j + "]";
      String key = intent.requires().get(j);
      Slot slot = key == null ? null : Slot.byKey(key);
      if (slot == null) {
        throw fail(where, "unknown slot '" + key + "' (known: " + Slot.keys() + ")");
      }
      if (!required.add(slot)) {
        throw fail(where, "duplicate '" + key + "'");
      }
    }
    require(intent.reply(), at + ".reply");
    validateReply(at + ".reply", intent.reply(), required, slots);
    if (intent.followUp() != null && intent.followUp().isBlank()) {
      throw fail(at + ".follow_up", "blank");
    }
    validateTool(at, intent);
  }

  private static void validateReply(String at, String reply, Set<Slot> required, Map<String, SlotSpec> slots) {
    String outside = OPTIONAL_PART.matcher(reply).replaceAll("");
    if (outside.indexOf('[') >= 0 || outside.indexOf(']') >= 0) {
      throw fail(at, "unbalanced [ ] (optional parts cannot nest)");
    }
    placeholders(reply, at);
    for (Slot slot : placeholders(outside, at)) {
      SlotSpec spec = slots.get(slot.key());
      boolean defaulted = spec != null && spec.defaultValue() != null;
      if (!required.contains(slot) && !defaulted) {
        throw fail(at, slot.placeholder() + " is neither in requires nor has slots." + slot.key()
            + ".default (or put it in an optional [part])");
      }
    }
  }

  private static void validateTool(String at, Intent intent) {
    String tool = intent.tool();
    if (tool != null && !tool.equals(Intent.END_CALL) && !tool.equals(Intent.TRANSFER)) {
      throw fail(at + ".tool", "unknown '" + tool + "' (known: end_call, transfer)");
    }
    boolean transfer = Intent.TRANSFER.equals(tool);
    boolean hasTarget = intent.transferTo() != null && !intent.transferTo().isBlank();
    if (transfer && !hasTarget) {
      throw fail(at + ".transfer_to", "missing (tool transfer needs a target)");
    }
    if (!transfer && intent.transferTo() != null) {
      throw fail(at + ".transfer_to", "only allowed with tool: transfer");
    }
  }

  /** The slots named by placeholders in {@code text}; an unknown placeholder is an error. */
  static Set<Slot> placeholders(String text, String at) {
    Set<Slot> out = new HashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      Slot slot = Slot.byKey(m.group(1));
      if (slot == null) {
        throw fail(at, "unknown placeholder {" + m.group(1) + "} (known: " + Slot.keys() + ")");
      }
      out.add(slot);
    }
    return out;
  }

  private static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw fail(field, "missing");
    }
  }

  private static IllegalArgumentException fail(String field, String problem) {
    return new IllegalArgumentException(field + ": " + problem);
  }
}
