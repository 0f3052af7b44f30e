package dev.voiceengine.providers.scripted;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * The phrases a recogniser should expect for a script, for {@code RecognitionConfig.phrases}: each example with its
 * placeholders filled with slot values, the keywords, the slot values alone (a caller answering "Which day?" says
 * "friday"), and the small words of any call (yes, no, thanks, goodbye). Plain lower-case text, deduplicated; the
 * plainest form of every example comes first so that the bound never drops an intent.
 */
public final class PhraseHints {
  /** The most phrases returned: enough for a grammar of a receptionist, small enough to build quickly. */
  public static final int MAX_PHRASES = 400;

  static final List<String> TIMES = List.of("ten", "ten thirty", "half past two", "three pm", "noon", "nine am",
      "four o'clock");
  static final List<String> NUMBERS = List.of("one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
      "ten", "eleven", "twelve");
  static final List<String> COMMON = List.of("yes", "yes please", "yeah", "no", "no thanks", "no thank you",
      "thank you", "thanks", "goodbye", "bye", "okay", "sorry", "that's all");

  private PhraseHints() {}

  /** The phrases for {@code script}; the same as {@link AgentScript#phrases()}. */
  public static List<String> of(AgentScript script) {
    Map<Slot, List<String>> values = Map.of(Slot.DAY, SlotExtractor.dayWords(), Slot.TIME, TIMES, Slot.NUMBER,
        NUMBERS, Slot.NAME, List.of(""));
    Set<String> first = new LinkedHashSet<>();
    Set<String> more = new LinkedHashSet<>();
    for (Intent intent : script.intents()) {
      for (String example : intent.examples()) {
        List<String> variants = expand(example, values);
        first.add(variants.get(0));
        more.addAll(variants);
      }
    }
    for (Intent intent : script.intents()) {
      intent.keywords().forEach(k -> first.add(plain(k)));
    }
    COMMON.forEach(first::add);
    for (Slot s : List.of(Slot.DAY, Slot.TIME, Slot.NUMBER)) {
      values.get(s).forEach(first::add);
    }
    Set<String> all = new LinkedHashSet<>(first);
    all.addAll(more);
    all.remove("");
    return all.stream().limit(MAX_PHRASES).toList();
  }

  /**
   * The example with its placeholders filled: as many variants as the longest value list, the k-th taking the k-th
   * value of each slot (wrapping round), so every value appears without multiplying the lists together.
   */
  private static List<String> expand(String example, Map<Slot, List<String>> values) {
    Set<Slot> used = ScriptValidator.placeholders(example, "example");
    int n = used.stream().mapToInt(s -> values.get(s).size()).max().orElse(1);
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      final int index = k;
      Matcher m = ScriptValidator.PLACEHOLDER.matcher(example);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        List<String> options = values.get(Slot.byKey(m.group(1)));
        m.appendReplacement(sb, Matcher.quoteReplacement(options.get(index % options.size())));
      }
      m.appendTail(sb);
      out.add(plain(sb.toString()).replaceAll("\\bon (today|tomorrow)\\b", "$1"));
    }
    return out;
  }

  /** Lower-case words separated by single spaces; apostrophes inside words kept ("i'd", "o'clock"). */
  static String plain(String text) {
    return text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replaceAll("[^a-z0-9']+", " ")
        .replaceAll("(^| )'+|'+( |$)", " ").trim().replaceAll(" +", " ");
  }
}
