package dev.voiceengine.control.analysis;

import java.util.List;
import java.util.Set;

/**
 * The caller's mood from a small word list: positive words count +1, negative −1, and a negation among the two
 * words before ("not good", "never helpful") turns the sign. The sum decides: above zero positive, below negative,
 * else neutral. Only the caller's words count: the agent is polite by design.
 */
final class LexiconSentiment {
  static final String POSITIVE = "positive";
  static final String NEUTRAL = "neutral";
  static final String NEGATIVE = "negative";

  private static final Set<String> GOOD = Set.of("thank", "thanks", "great", "perfect", "wonderful", "excellent",
      "happy", "appreciate", "appreciated", "awesome", "good", "lovely", "helpful", "glad", "fantastic", "amazing",
      "brilliant", "pleased", "love", "nice", "fine", "cheers", "resolved");
  private static final Set<String> BAD = Set.of("angry", "terrible", "awful", "bad", "horrible", "frustrated",
      "frustrating", "upset", "ridiculous", "worst", "hate", "unacceptable", "complaint", "disappointed",
      "disappointing", "annoyed", "annoying", "useless", "rude", "waste", "problem", "wrong", "broken",
      "furious", "sucks", "poor");
  private static final Set<String> NEGATIONS = Set.of("not", "no", "never", "don't", "didn't", "isn't", "wasn't",
      "aren't", "doesn't", "won't", "can't", "cannot", "hardly");

  private LexiconSentiment() {}

  static int score(List<String> words) {
    int score = 0;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      int value = GOOD.contains(w) ? 1 : BAD.contains(w) && !NEGATIONS.contains(w) ? -1 : 0;
      if (value != 0 && negated(words, i)) {
        value = -value;
      }
      score += value;
    }
    return score;
  }

  static String of(List<String> callerWords) {
    int score = score(callerWords);
    return score > 0 ? POSITIVE : score < 0 ? NEGATIVE : NEUTRAL;
  }

  private static boolean negated(List<String> words, int at) {
    for (int i = Math.max(0, at - 2); i < at; i++) {
      if (NEGATIONS.contains(words.get(i))) {
        return true;
      }
    }
    return false;
  }
}
