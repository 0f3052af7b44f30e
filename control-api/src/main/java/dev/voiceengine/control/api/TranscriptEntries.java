package dev.voiceengine.control.api;

import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallTurn;
import java.util.ArrayList;
import java.util.List;

/**
 * A call's transcript as one timeline: its turns (in index order) and the keys the caller pressed (in the order they
 * were reported), merged by start time. A key pressed at the same millisecond a turn starts comes after the turn.
 * Every format of the transcript (JSON, text, subtitles) reads it from here.
 */
final class TranscriptEntries {
  private TranscriptEntries() {}

  /** One entry: exactly one of {@code turn} and {@code key} is set. */
  record Entry(CallTurn turn, CallDtmf key) {
    long startMs() {
      return turn != null ? turn.startMs() : key.atMs();
    }

    long endMs() {
      return turn != null ? turn.endMs() : key.atMs() + key.durationMs();
    }

    /** What the line says: the turn's text, or "[pressed 5]" for a key (as the agent is told of keys). */
    String text() {
      return turn != null ? turn.text() : "[pressed " + key.digit() + "]";
    }
  }

  static List<Entry> of(List<CallTurn> turns, List<CallDtmf> keys) {
    List<Entry> out = new ArrayList<>(turns.size() + keys.size());
    int k = 0;
    for (CallTurn turn : turns) {
      while (k < keys.size() && keys.get(k).atMs() < turn.startMs()) {
        out.add(new Entry(null, keys.get(k++)));
      }
      out.add(new Entry(turn, null));
    }
    while (k < keys.size()) {
      out.add(new Entry(null, keys.get(k++)));
    }
    return out;
  }
}
