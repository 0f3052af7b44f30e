package dev.voiceengine.providers.sphinx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Idle decoders kept per grammar, so a stream gets a ready recogniser instead of paying its start-up.
 *
 * <p>Bounded twice: at most {@code maxGrammars} grammars are remembered (the least recently used is forgotten and
 * its decoders freed), and at most {@code maxIdlePerGrammar} idle decoders are kept for each. How many decoders
 * are busy at once is bounded by the caller (one per decoding thread). Thread-safe.
 */
final class DecoderPool {
  private final int maxGrammars;
  private final int maxIdlePerGrammar;
  private final Function<PhraseGrammar, SphinxDecoder> factory;
  private final LinkedHashMap<PhraseGrammar, ArrayDeque<SphinxDecoder>> idle =
      new LinkedHashMap<>(16, 0.75f, true);

  DecoderPool(int maxGrammars, int maxIdlePerGrammar, Function<PhraseGrammar, SphinxDecoder> factory) {
    this.maxGrammars = maxGrammars;
    this.maxIdlePerGrammar = maxIdlePerGrammar;
    this.factory = factory;
  }

  /** An idle decoder for the grammar, or a new one (built on the calling thread, about 1.3 s). */
  SphinxDecoder acquire(PhraseGrammar grammar) {
    synchronized (this) {
      ArrayDeque<SphinxDecoder> ready = idle.get(grammar);
      if (ready != null && !ready.isEmpty()) {
        return ready.pop();
      }
    }
    return factory.apply(grammar);
  }

  /** Returns a decoder after use; it is freed if its grammar's idle list is full. */
  void release(PhraseGrammar grammar, SphinxDecoder decoder) {
    List<SphinxDecoder> toClose = new ArrayList<>();
    synchronized (this) {
      ArrayDeque<SphinxDecoder> ready = idle.computeIfAbsent(grammar, g -> new ArrayDeque<>());
      if (ready.size() < maxIdlePerGrammar) {
        ready.push(decoder);
      } else {
        toClose.add(decoder);
      }
      Iterator<Map.Entry<PhraseGrammar, ArrayDeque<SphinxDecoder>>> oldest = idle.entrySet().iterator();
      while (idle.size() > maxGrammars && oldest.hasNext()) {
        toClose.addAll(oldest.next().getValue());
        oldest.remove();
      }
    }
    toClose.forEach(SphinxDecoder::close);
  }

  /** Idle decoders held for a grammar (for tests and metrics). */
  synchronized int idleCount(PhraseGrammar grammar) {
    ArrayDeque<SphinxDecoder> ready = idle.get(grammar);
    return ready == null ? 0 : ready.size();
  }

  /** Frees every idle decoder. */
  void close() {
    List<SphinxDecoder> toClose = new ArrayList<>();
    synchronized (this) {
      idle.values().forEach(toClose::addAll);
      idle.clear();
    }
    toClose.forEach(SphinxDecoder::close);
  }
}
