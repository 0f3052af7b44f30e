package dev.voiceengine.providers.sphinx;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSGF grammar (W3C "JSpeech Grammar Format", 2000) built from the phrases a caller is likely to say: one
 * alternative per phrase.
 *
 * <p>Why a grammar: with the full language model the decoder is slow and wrong on telephone speech; restricted to
 * the agent's phrases it is fast and exact. Why nothing more: optional filler words, a free word loop beside the
 * phrases, a second optional phrase, single vocabulary words as alternatives and the decoder's out-of-grammar phone
 * loop were each tried on espeak-ng speech at 8 kHz, and each made the decoder prefer short wrong paths (and the
 * decoder's JSGF weights fail in this version); so callers' variations must be listed as phrases (the engine expands
 * the agent's intents and slots into them). Speech that matches no phrase is caught by the decoder's result having
 * no complete phrase path (see {@link SphinxDecoder}). Phrases are lower-cased, stripped of punctuation, and words the
 * pronouncing dictionary does not know are dropped. Immutable; equal phrase sets give equal grammars.
 */
final class PhraseGrammar {
  static final String NAME = "phrases";

  /** Used when the caller's config names no phrases: short answers any agent hears. */
  static final List<String> DEFAULT_PHRASES = List.of(
      "yes", "no", "yes please", "no thanks", "okay", "hello", "hi", "goodbye", "bye", "thank you", "thanks",
      "help", "repeat that", "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
      "morning", "afternoon", "evening");

  private final Set<String> phrases;

  private PhraseGrammar(Set<String> phrases) {
    this.phrases = phrases;
  }

  /**
   * Normalises the phrases (the default set when none is left) and collects their words.
   *
   * @param phrases plain-text phrases, any case and punctuation
   * @param vocabulary the words the decoder can pronounce
   */
  static PhraseGrammar of(Collection<String> phrases, Vocabulary vocabulary) {
    Set<String> normalised = normalise(phrases, vocabulary);
    if (normalised.isEmpty()) {
      normalised = normalise(DEFAULT_PHRASES, vocabulary);
    }
    return new PhraseGrammar(Set.copyOf(normalised));
  }

  private static Set<String> normalise(Collection<String> phrases, Vocabulary vocabulary) {
    Set<String> out = new LinkedHashSet<>();
    for (String phrase : phrases) {
      String[] tokens = phrase.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]+", " ").trim().split("\\s+");
      List<String> kept = new ArrayList<>();
      for (String token : tokens) {
        String word = token.replaceAll("^'+|'+$", "");
        if (!word.isEmpty() && vocabulary.contains(word)) {
          kept.add(word);
        }
      }
      if (!kept.isEmpty()) {
        out.add(String.join(" ", kept));
      }
    }
    return out;
  }

  /** The normalised phrases: the cache key of decoders built for this grammar. */
  Set<String> phrases() {
    return phrases;
  }

  /** The grammar's JSGF source. */
  String jsgf() {
    StringBuilder out = new StringBuilder("#JSGF V1.0;\n\ngrammar ").append(NAME).append(";\n\n");
    out.append("public <utterance> = ").append(String.join("\n  | ", new TreeSet<>(phrases))).append(";\n");
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PhraseGrammar g && g.phrases.equals(phrases);
  }

  @Override
  public int hashCode() {
    return phrases.hashCode();
  }
}
