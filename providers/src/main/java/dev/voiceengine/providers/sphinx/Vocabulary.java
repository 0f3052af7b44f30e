package dev.voiceengine.providers.sphinx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * The words the acoustic model's pronouncing dictionary knows. A grammar may only name these words: the decoder
 * refuses a grammar with an unknown word, so phrases are filtered through this set first. Immutable once loaded.
 */
final class Vocabulary {
  static final String DICTIONARY = "edu/cmu/sphinx/models/en-us/cmudict-en-us.dict";

  private final Set<String> words;

  private Vocabulary(Set<String> words) {
    this.words = words;
  }

  /** The words of the dictionary that ships with the model (about 134,000; loads in a fraction of a second). */
  static Vocabulary load() {
    ClassLoader loader = Vocabulary.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(DICTIONARY)) {
      if (in == null) {
        throw new IllegalStateException("the speech model's dictionary " + DICTIONARY + " is not on the class path");
      }
      Set<String> words = new HashSet<>(200_000);
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        int end = line.indexOf(' ');
        if (end > 0) {
          String word = line.substring(0, end);
          int variant = word.indexOf('(');
          words.add(variant > 0 ? word.substring(0, variant) : word);
        }
      }
      return new Vocabulary(Set.copyOf(words));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the speech model's dictionary " + DICTIONARY, e);
    }
  }

  boolean contains(String word) {
    return words.contains(word);
  }
}
