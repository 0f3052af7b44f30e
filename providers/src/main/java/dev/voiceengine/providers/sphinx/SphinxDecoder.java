package dev.voiceengine.providers.sphinx;

import edu.cmu.sphinx.api.AbstractSpeechRecognizer;
import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.api.SpeechResult;
import edu.cmu.sphinx.result.Result;
import edu.cmu.sphinx.result.WordResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One allocated Sphinx4 recogniser for one grammar: decodes 16 kHz PCM16 streams, one at a time (the recogniser is
 * not thread-safe). Building one loads the acoustic model and compiles the grammar (about 1.3 s), so instances are
 * pooled and reused across streams.
 *
 * <p>A stream is normally one segment: the engine already cut the caller's turn, so the front end does no
 * endpointing of its own and normalises over the whole turn (see sphinx.config.xml); features are computed while the
 * audio arrives and the search finishes at end of stream. Building a
 * result's word lattice sometimes fails inside the decoder (a NullPointerException in its lattice code): such a
 * segment falls back to the best path without lattice confidences, and a segment that fails entirely is skipped, so
 * one bad segment never loses the stream.
 */
final class SphinxDecoder {
  static final int SAMPLE_RATE = 16_000;
  private static final Logger LOG = LoggerFactory.getLogger(SphinxDecoder.class);
  private static final String CONFIG = "resource:/dev/voiceengine/providers/sphinx/sphinx.config.xml";
  private static final String MODEL = "resource:/edu/cmu/sphinx/models/en-us/en-us";

  /** A recognised word; times in ms from the stream's first sample, confidence 0..1 (0 when unknown). */
  record WordTime(String text, int startMs, int endMs, float confidence) {}

  /**
   * One speech segment's best path. {@code complete} is false when no path reached the end of a phrase: the
   * words are then the decoder's best partial guess at speech the grammar does not hold.
   */
  record Segment(List<WordTime> words, boolean complete) {
    String text() {
      return String.join(" ", words.stream().map(WordTime::text).toList());
    }
  }

  private final Recognizer recognizer;

  SphinxDecoder(PhraseGrammar grammar) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("grammar");
      Files.writeString(dir.resolve(PhraseGrammar.NAME + ".gram"), grammar.jsgf(), StandardCharsets.UTF_8);
      Configuration config = new Configuration();
      config.setAcousticModelPath(MODEL);
      config.setDictionaryPath("resource:/" + Vocabulary.DICTIONARY);
      config.setGrammarPath(dir.toUri().toString());
      config.setGrammarName(PhraseGrammar.NAME);
      config.setUseGrammar(true);
      config.setSampleRate(SAMPLE_RATE);
      Context context = new Context(CONFIG, config);
      this.recognizer = new Recognizer(context);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the speech recogniser", e);
    } finally {
      deleteQuietly(dir);
    }
  }

  /**
   * Decodes a stream until it ends (EOF), handing each speech segment to {@code onSegment} as soon as the decoder
   * closes it.
   *
   * @param pcm16k signed 16-bit little-endian mono samples at 16 kHz; reads block until audio arrives
   */
  void decode(InputStream pcm16k, Consumer<Segment> onSegment) {
    recognizer.start(pcm16k);
    try {
      while (true) {
        Result result = recognizer.next();
        if (result == null) {
          return;
        }
        Segment segment = segmentOf(result);
        if (segment != null && !segment.words().isEmpty()) {
          onSegment.accept(segment);
        }
      }
    } finally {
      recognizer.stop();
    }
  }

  /** Frees the recogniser's memory; the decoder is unusable afterwards. */
  void close() {
    try {
      recognizer.close();
    } catch (RuntimeException e) {
      LOG.debug("closing a recogniser failed", e);
    }
  }

  private static Segment segmentOf(Result result) {
    boolean complete = result.getBestFinalToken() != null;
    try {
      SpeechResult speech = new SpeechResult(result); // builds the lattice: word posteriors
      return new Segment(words(speech.getWords(), true), complete);
    } catch (RuntimeException latticeFailure) {
      LOG.debug("lattice of a segment failed; using its best path", latticeFailure);
      try {
        return new Segment(words(result.getTimedBestResult(false), false), complete);
      } catch (RuntimeException e) {
        LOG.warn("skipping a segment the decoder could not read", e);
        return null;
      }
    }
  }

  private static List<WordTime> words(List<WordResult> results, boolean withConfidence) {
    List<WordTime> words = new ArrayList<>();
    for (WordResult w : results) {
      String text = w.getWord().getSpelling();
      if (w.isFiller() || text.startsWith("<") || text.startsWith("[")) {
        continue;
      }
      float confidence = 0;
      if (withConfidence) {
        double c = w.getConfidence(); // a log-domain posterior from the lattice
        confidence = (float) Math.max(0, Math.min(1, c <= 0 ? Math.exp(c) : c));
      }
      words.add(new WordTime(text, (int) w.getTimeFrame().getStart(), (int) w.getTimeFrame().getEnd(), confidence));
    }
    return words;
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary file left behind is harmless
    }
  }

  /** Exposes the recogniser's start, per-segment recognise and stop around one input stream. */
  private static final class Recognizer extends AbstractSpeechRecognizer {
    Recognizer(Context context) throws IOException {
      super(context);
      recognizer.allocate();
    }

    void start(InputStream in) {
      context.setSpeechSource(in);
    }

    Result next() {
      return recognizer.recognize();
    }

    void stop() {
      context.setSpeechSource(InputStream.nullInputStream());
    }

    void close() {
      recognizer.deallocate();
    }
  }
}
