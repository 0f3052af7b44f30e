package dev.voiceengine.providers.scripted;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Ranks a script's intents against a caller's words. An utterance (with its slots replaced by placeholders) is
 * compared with every example by weighted word overlap (an F-measure over words, where function words weigh little
 * and near spellings count), and each keyword found adds a bonus. Word overlap rather than exact match keeps an
 * intent recognisable when the recogniser drops or mishears a word.
 */
final class IntentMatcher {
  /** The least score that counts as understanding. */
  static final double THRESHOLD = 0.5;
  private static final double KEYWORD_BONUS = 0.4;
  private static final double PLACEHOLDER_WEIGHT = 0.6;

  /** An intent's score for an utterance, and how many of its keywords were heard. */
  record Match(Intent intent, double score, int keywordHits) {}

  private record Compiled(Intent intent, List<List<String>> examples, List<List<String>> keywords) {}

  private final List<Compiled> intents = new ArrayList<>();

  IntentMatcher(List<Intent> intents) {
    for (Intent intent : intents) {
      this.intents.add(new Compiled(intent, intent.examples().stream().map(IntentMatcher::exampleTokens).toList(),
          intent.keywords().stream().map(Words::tokens).toList()));
    }
  }

  /** The best-scoring intent at or above {@link #THRESHOLD}; ties go to the intent listed first. */
  Optional<Match> best(List<String> pattern) {
    Match best = null;
    for (Match m : rank(pattern)) {
      if (m.score() >= THRESHOLD && (best == null || m.score() > best.score())) {
        best = m;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Every intent's score, in script order. */
  List<Match> rank(List<String> pattern) {
    List<Match> out = new ArrayList<>();
    for (Compiled c : intents) {
      double sim = 0;
      for (List<String> example : c.examples()) {
        sim = Math.max(sim, overlap(pattern, example));
      }
      int hits = 0;
      for (List<String> keyword : c.keywords()) {
        if (contains(pattern, keyword)) {
          hits++;
        }
      }
      out.add(new Match(c.intent(), sim + KEYWORD_BONUS * Math.min(hits, 2), hits));
    }
    return out;
  }

  /** Tokens of an example, its placeholders kept as single tokens such as {@code {day}}. */
  static List<String> exampleTokens(String example) {
    List<String> out = new ArrayList<>();
    Matcher m = ScriptValidator.PLACEHOLDER.matcher(example);
    int from = 0;
    while (m.find()) {
      out.addAll(Words.tokens(example.substring(from, m.start())));
      out.add(m.group());
      from = m.end();
    }
    out.addAll(Words.tokens(example.substring(from)));
    return out;
  }

  /** Weighted F-measure of the words two token lists share (0..1). */
  static double overlap(List<String> heard, List<String> example) {
    if (heard.isEmpty() || example.isEmpty()) {
      return 0;
    }
    double recall = covered(example, heard);
    double precision = covered(heard, example);
    return recall + precision == 0 ? 0 : 2 * recall * precision / (recall + precision);
  }

  /** The weighted share of {@code of}'s words found in {@code in}. */
  private static double covered(List<String> of, List<String> in) {
    double total = 0;
    double found = 0;
    for (String w : of) {
      double weight = weight(w);
      double best = 0;
      for (String x : in) {
        best = Math.max(best, Words.similarity(w, x));
      }
      total += weight;
      found += weight * best;
    }
    return total == 0 ? 0 : found / total;
  }

  private static double weight(String token) {
    return token.startsWith("{") ? PLACEHOLDER_WEIGHT : Words.weight(token);
  }

  /** Whether the keyword's words occur one after another (each at least a near spelling) in {@code heard}. */
  static boolean contains(List<String> heard, List<String> keyword) {
    for (int i = 0; i + keyword.size() <= heard.size(); i++) {
      boolean all = true;
      for (int k = 0; k < keyword.size() && all; k++) {
        all = Words.similarity(heard.get(i + k), keyword.get(k)) > 0;
      }
      if (all) {
        return true;
      }
    }
    return false;
  }
}
