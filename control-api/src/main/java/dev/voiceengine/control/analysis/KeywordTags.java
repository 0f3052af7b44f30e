package dev.voiceengine.control.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Topic tags from keywords: a tag applies when any of its words occurs in what was said (either side, since the
 * agent often names the topic: "I have cancelled your booking"). An agent's map adds tags and replaces the words of
 * a default tag it names.
 */
final class KeywordTags {
  static final Map<String, List<String>> DEFAULTS = Map.of(
      "appointment", List.of("appointment", "book", "booked", "booking", "schedule", "reschedule", "reservation"),
      "billing", List.of("bill", "billing", "invoice", "charge", "charged", "payment", "refund"),
      "cancel", List.of("cancel", "canceled", "cancelled", "cancellation"),
      "complaint", List.of("complaint", "complain", "unacceptable"),
      "callback", List.of("call me back", "callback", "call back"),
      "opening_hours", List.of("opening hours", "open", "hours"),
      "human_requested", List.of("human", "real person", "operator", "speak to someone"));

  private KeywordTags() {}

  /** The sorted tags whose words occur. Tag names are lower-cased; commas are not allowed in them. */
  static List<String> of(List<String> words, Map<String, List<String>> agentTags) {
    Map<String, List<String>> all = new LinkedHashMap<>(DEFAULTS);
    agentTags.forEach((tag, keywords) -> all.put(tag.toLowerCase(Locale.ROOT), keywords));
    TreeSet<String> found = new TreeSet<>();
    all.forEach((tag, keywords) -> {
      if (keywords.stream().anyMatch(k -> Words.contains(words, k))) {
        found.add(tag);
      }
    });
    return List.copyOf(found);
  }
}
