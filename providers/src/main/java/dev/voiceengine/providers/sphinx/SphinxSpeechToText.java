package dev.voiceengine.providers.sphinx;

import dev.voiceengine.providers.Workers;
import dev.voiceengine.proto.provider.v1.AudioChunk;
import dev.voiceengine.proto.provider.v1.Recognition;
import dev.voiceengine.proto.provider.v1.RecognitionConfig;
import dev.voiceengine.proto.provider.v1.SpeechToTextGrpc;
import dev.voiceengine.proto.provider.v1.Word;
import dev.voiceengine.providers.stt.RecognizeSession;
import dev.voiceengine.providers.stt.StreamDecoder;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.stub.StreamObserver;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Consumer;

/**
 * Offline speech to text with Sphinx4 (pure Java, en-US, 16 kHz model) against a grammar of the phrases a caller is
 * likely to say: it hears only those phrases.
 *
 * <p>Each stream's {@code RecognitionConfig.phrases} become a {@link PhraseGrammar}: on telephone audio the full
 * language model is slow and inaccurate, a grammar of the agent's phrases is fast and exact. Without phrases a small
 * default grammar (yes/no, numbers, days, greetings) is used. Recognisers take about 1.3 s to build, so they are
 * kept per phrase set and reused; {@link #prepare} builds one ahead of the first call. Audio at 8000 or 16000 Hz
 * is accepted (8 kHz is upsampled). Decoding runs on this service's own bounded executor, one thread per stream:
 * features are computed as audio arrives, the search over the grammar runs once the client half-closes (its
 * normalisation needs the whole turn), so the final result follows the half-close by the search time (a fraction of
 * the audio's duration). Interim results, when asked for, come only per decoded segment.
 */
public final class SphinxSpeechToText extends SpeechToTextGrpc.SpeechToTextImplBase implements AutoCloseable {
  /** The model name reported in every result. */
  public static final String MODEL = "sphinx4-en-us";
  private static final Set<Integer> RATES = Set.of(8000, 16000);
  private static final double PARTIAL_CONFIDENCE = 0.2;
  /** Share of the loud frames a phrase's words span when they explain the turn (words omit pauses). */
  private static final double COVERED = 0.7;

  private final Vocabulary vocabulary = Vocabulary.load();
  private final DecoderPool pool;
  private final ThreadPoolExecutor executor;
  private final StreamDecoder streamDecoder = new Decoder();

  /** Up to 4 streams decoded at once, 8 more waiting; 16 phrase sets remembered. */
  /** Held so that the level set on it is not lost when the logger is garbage-collected. */
  private static final java.util.logging.Logger SPHINX_LOG = java.util.logging.Logger.getLogger("edu.cmu.sphinx");

  public SphinxSpeechToText() {
    this(4, 8, 16);
  }

  /**
   * @param concurrentStreams streams decoded at once (threads, and the most recognisers kept per phrase set)
   * @param waitingStreams streams that may wait for a thread; beyond that a stream gets RESOURCE_EXHAUSTED
   * @param phraseSets phrase sets whose recognisers are kept (least recently used forgotten first)
   */
  public SphinxSpeechToText(int concurrentStreams, int waitingStreams, int phraseSets) {
    // Sphinx4 reports its timers and configuration through java.util.logging at INFO: keep its warnings only.
    SPHINX_LOG.setLevel(java.util.logging.Level.WARNING);
    this.pool = new DecoderPool(phraseSets, concurrentStreams, SphinxDecoder::new);
    this.executor = Workers.bounded("sphinx-decoder", concurrentStreams, waitingStreams);
  }

  /**
   * Builds a recogniser for these phrases now (about 1.3 s, on the calling thread) so the first stream that uses
   * them does not wait. An empty collection prepares the default grammar.
   */
  public void prepare(Collection<String> phrases) {
    PhraseGrammar grammar = PhraseGrammar.of(phrases, vocabulary);
    pool.release(grammar, pool.acquire(grammar));
  }

  @Override
  public StreamObserver<AudioChunk> recognize(StreamObserver<Recognition> responses) {
    return RecognizeSession.start(responses, streamDecoder, executor, RATES);
  }

  /** Stops decoding threads and frees the recognisers. */
  @Override
  public void close() {
    Workers.stop(executor);
    pool.close();
  }

  private final class Decoder implements StreamDecoder {
    @Override
    public int sampleRate() {
      return SphinxDecoder.SAMPLE_RATE;
    }

    @Override
    public Decoding open(RecognitionConfig config) throws StatusException {
      String language = config.getLanguage().toLowerCase(Locale.ROOT);
      if (!language.isEmpty() && !language.startsWith("en")) {
        throw new StatusException(Status.FAILED_PRECONDITION
            .withDescription("language " + config.getLanguage() + " is not served; this recogniser knows en-US"));
      }
      if (!config.getModel().isEmpty() && !config.getModel().equals(MODEL)) {
        throw new StatusException(Status.FAILED_PRECONDITION
            .withDescription("model " + config.getModel() + " is not served; this recogniser has " + MODEL));
      }
      PhraseGrammar grammar = PhraseGrammar.of(config.getPhrasesList(), vocabulary);
      TurnAudio audio = new TurnAudio();
      return new Decoding() {
        @Override
        public short[] condition(short[] samples) {
          return audio.condition(samples);
        }

        @Override
        public List<Recognition> run(InputStream pcm, Consumer<Recognition> interim) {
          List<Recognition> finals = SphinxSpeechToText.this.run(grammar, config.getInterimResults(), pcm, interim);
          return audio.heardSpeech() ? finals.stream().map(r -> byCoverage(r, audio.speechMs())).toList() : List.of();
        }
      };
    }
  }

  private List<Recognition> run(PhraseGrammar grammar, boolean interimWanted, InputStream pcm,
      Consumer<Recognition> interim) {
    SphinxDecoder decoder = pool.acquire(grammar);
    List<SphinxDecoder.WordTime> words = new ArrayList<>();
    boolean[] complete = {true};
    try {
      decoder.decode(pcm, segment -> {
        words.addAll(segment.words());
        complete[0] &= segment.complete();
        if (interimWanted) {
          interim.accept(recognition(words, complete[0], false));
        }
      });
    } finally {
      pool.release(grammar, decoder);
    }
    return words.isEmpty() ? List.of() : List.of(recognition(words, complete[0], true));
  }

  /**
   * Lowers the confidence of a result whose words explain little of the turn's speech: the grammar forces any
   * speech onto some phrase, and speech outside it lands on a short one ("my name is john" as "no").
   */
  private static Recognition byCoverage(Recognition r, int speechMs) {
    int wordsMs = 0;
    for (Word w : r.getWordsList()) {
      wordsMs += w.getEndMs() - w.getStartMs();
    }
    double coverage = speechMs == 0 ? 1 : Math.min(1, wordsMs / (COVERED * speechMs));
    return r.toBuilder().setConfidence((float) (r.getConfidence() * coverage)).build();
  }

  /**
   * The stream's words as one result. Confidence is the mean of the words' lattice posteriors, at most
   * {@value #PARTIAL_CONFIDENCE} when no path completed a phrase (speech outside the grammar).
   */
  private static Recognition recognition(List<SphinxDecoder.WordTime> words, boolean complete, boolean last) {
    Recognition.Builder r = Recognition.newBuilder().setIsFinal(last).setModel(MODEL);
    List<String> texts = new ArrayList<>();
    double confidence = 0;
    for (SphinxDecoder.WordTime w : words) {
      texts.add(w.text());
      confidence += w.confidence();
      r.addWords(Word.newBuilder().setText(w.text()).setStartMs(w.startMs()).setEndMs(w.endMs())
          .setConfidence(w.confidence()));
    }
    String text = String.join(" ", texts);
    confidence /= words.size();
    if (!complete) {
      confidence = Math.min(confidence, PARTIAL_CONFIDENCE);
    }
    return r.setText(text).setStartMs(words.get(0).startMs()).setEndMs(words.get(words.size() - 1).endMs())
        .setConfidence((float) confidence).build();
  }
}
