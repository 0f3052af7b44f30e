package dev.voiceengine.conversation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the agent is saying, frame by frame: a queue of sentences, each with the audio synthesised for it so far.
 * Audio is played as soon as it exists; a sentence still being synthesised that runs dry plays silence until more
 * comes. Keeps track of what was actually played, so an interrupted turn records the words the caller heard.
 * The call's loop only.
 */
final class AgentSpeech {
  /** One sentence and its audio. */
  static final class Sentence {
    final String text;
    private final ArrayDeque<short[]> chunks = new ArrayDeque<>();
    private int chunkPosition;
    private long samples;
    private long played;
    private boolean complete;

    Sentence(String text) {
      this.text = text;
    }

    /** More audio for this sentence (not copied). */
    void append(short[] pcm) {
      if (pcm.length > 0) {
        chunks.add(pcm);
        samples += pcm.length;
      }
    }

    /** No more audio will come for this sentence. */
    void complete() {
      complete = true;
    }

    boolean exhausted() {
      return complete && played >= samples;
    }

    /** The words heard so far, in proportion to the audio played (cut at a word). */
    String heard() {
      if (played >= samples && complete) {
        return text;
      }
      if (samples == 0 || played == 0) {
        return "";
      }
      String[] words = text.split("\\s+");
      int n = (int) Math.round(words.length * Math.min(1.0, (double) played / samples) * (complete ? 1 : 0.9));
      return String.join(" ", Arrays.asList(words).subList(0, Math.min(words.length, n)));
    }
  }

  private final ArrayDeque<Sentence> queue = new ArrayDeque<>();
  private final List<Sentence> turn = new ArrayList<>();

  /** Queues a sentence whose audio will be appended as it is synthesised. */
  Sentence add(String text) {
    Sentence s = new Sentence(text);
    queue.add(s);
    turn.add(s);
    return s;
  }

  /** Queues a sentence whose audio is all there (a cached phrase). */
  void addComplete(String text, short[] pcm) {
    Sentence s = add(text);
    s.append(pcm);
    s.complete();
  }

  /** Fills {@code out} with the next frame; silence where there is no audio. Returns whether any audio was in it. */
  boolean next(short[] out) {
    int filled = 0;
    while (filled < out.length && !queue.isEmpty()) {
      Sentence s = queue.peek();
      short[] chunk = s.chunks.peek();
      if (chunk == null) {
        if (s.complete) {
          queue.poll();
          continue;
        }
        break; // still synthesising: wait for more
      }
      int n = Math.min(out.length - filled, chunk.length - s.chunkPosition);
      System.arraycopy(chunk, s.chunkPosition, out, filled, n);
      filled += n;
      s.chunkPosition += n;
      s.played += n;
      if (s.chunkPosition == chunk.length) {
        s.chunks.poll();
        s.chunkPosition = 0;
      }
    }
    if (filled < out.length) {
      Arrays.fill(out, filled, out.length, (short) 0);
    }
    return filled > 0;
  }

  /** Whether there is nothing more to play (every queued sentence is complete and played). */
  boolean drained() {
    while (!queue.isEmpty() && queue.peek().exhausted()) {
      queue.poll();
    }
    return queue.isEmpty();
  }

  /** Stops at once: nothing more of the queued audio is played. */
  void clear() {
    queue.clear();
  }

  /** What the caller heard of this turn's sentences. */
  String heard() {
    StringBuilder b = new StringBuilder();
    for (Sentence s : turn) {
      String h = s.heard();
      if (!h.isEmpty()) {
        b.append(b.length() == 0 ? "" : " ").append(h);
      }
    }
    return b.toString();
  }

  /** Everything queued in this turn, whole. */
  String intended() {
    StringBuilder b = new StringBuilder();
    for (Sentence s : turn) {
      b.append(b.length() == 0 ? "" : " ").append(s.text);
    }
    return b.toString();
  }

  /** Starts a new agent turn (forgets the previous turn's sentences). */
  void newTurn() {
    turn.clear();
  }
}
