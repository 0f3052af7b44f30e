package dev.voiceengine.providers.scripted;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An agent's script: what it says first, the intents it understands, how it asks for slots and what it says when it
 * did not understand. Read from the agent's YAML ({@code agents[].script}) with snake_case keys; an invalid script
 * fails at construction with an {@link IllegalArgumentException} naming the field, e.g. "intents[2].reply: missing".
 *
 * @param firstMessage said when the call starts, before the caller spoke
 * @param fallback said when no intent matches the caller's words
 * @param slots per-slot question and default (keys day, time, name, number); may be absent
 * @param intents what the agent understands, at least one
 */
public record AgentScript(String firstMessage, String fallback, Map<String, SlotSpec> slots, List<Intent> intents) {
  /** The resource holding {@link #reception()}. */
  public static final String RECEPTION_RESOURCE = "/dev/voiceengine/providers/scripted/reception.yaml";

  public AgentScript {
    slots = slots == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    intents = intents == null ? null : Collections.unmodifiableList(new ArrayList<>(intents));
    ScriptValidator.validate(firstMessage, fallback, slots, intents);
  }

  /** The shipped receptionist of a dental practice: books appointments, answers FAQs, transfers, says goodbye. */
  public static AgentScript reception() {
    return ScriptYaml.readResource(RECEPTION_RESOURCE);
  }

  /** The question for a missing slot: the script's, or the built-in one. */
  public String ask(Slot slot) {
    SlotSpec spec = slots.get(slot.key());
    return spec != null && spec.ask() != null ? spec.ask() : slot.defaultAsk();
  }

  /** The script's default value for a slot, normalised (a time as "HH:MM", a day capitalised). */
  public Optional<String> defaultValue(Slot slot) {
    SlotSpec spec = slots.get(slot.key());
    if (spec == null || spec.defaultValue() == null) {
      return Optional.empty();
    }
    String v = spec.defaultValue().trim();
    return Optional.of(slot == Slot.DAY ? SlotExtractor.day(v.toLowerCase(Locale.ROOT)) : v);
  }

  /** The intent with that id, if any. */
  public Optional<Intent> intent(String id) {
    return intents.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /**
   * The plain-text phrases a recogniser should expect for this script (lower-case, deduplicated, at most {@link
   * PhraseHints#MAX_PHRASES}), for {@code RecognitionConfig.phrases}.
   */
  public List<String> phrases() {
    return PhraseHints.of(this);
  }
}
