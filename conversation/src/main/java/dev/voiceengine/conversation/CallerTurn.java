package dev.voiceengine.conversation;

import dev.voiceengine.conversation.provider.ProviderException;
import dev.voiceengine.conversation.provider.SpeechToText;
import dev.voiceengine.proto.provider.v1.Recognition;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The caller's turn being heard: its recognition stream (opened at the speech onset, fed frame by frame,
 * half-closed when the turn is over) and the text recognised so far. Provider callbacks are posted to the call's
 * loop and ignored once the turn is abandoned. The call's loop only.
 */
final class CallerTurn {
  /** What the conversation learns from the recogniser. */
  interface Events {
    void recognised(CallerTurn turn);

    /** A final result arrived (more may follow until the stream completes). */
    void finalHeard(CallerTurn turn);

    void words(CallerTurn turn, int count);

    void failed(CallerTurn turn, ProviderException error);
  }

  long onsetSample;
  String priorText;
  private final StringBuilder finals = new StringBuilder();
  private final Executor loop;
  private final LongSupplier clock;
  private SpeechToText.Stream stream;
  private boolean abandoned;
  private boolean finished;
  long lastSpeechSample = -1;
  long decidedSample = -1;
  long decidedNanos = -1;
  long finalNanos = -1;
  String model = "";

  CallerTurn(long onsetSample, String priorText, Executor loop, LongSupplier clock) {
    this.onsetSample = onsetSample;
    this.priorText = priorText == null ? "" : priorText;
    this.loop = loop;
    this.clock = clock;
  }

  void open(SpeechToText stt, dev.voiceengine.proto.provider.v1.RecognitionConfig config, Events events) {
    stream = stt.open(config, 8000, new SpeechToText.Listener() {
      @Override
      public void onRecognition(Recognition r) {
        post(() -> {
          if (!r.getModel().isEmpty()) {
            model = r.getModel();
          }
          if (r.getIsFinal()) {
            append(r.getText());
            events.finalHeard(CallerTurn.this);
          } else {
            events.words(CallerTurn.this, words(finals + " " + r.getText()));
          }
        });
      }

      @Override
      public void onCompleted() {
        post(() -> {
          finalNanos = clock.getAsLong();
          events.recognised(CallerTurn.this);
        });
      }

      @Override
      public void onError(ProviderException error) {
        post(() -> events.failed(CallerTurn.this, error));
      }
    });
  }

  void send(short[] pcm, int offset, int length) {
    if (!finished && !abandoned && stream != null && length > 0) {
      stream.send(pcm, offset, length);
    }
  }

  /** The turn is over: the recogniser gives its final result. */
  void finish(long lastSpeech, long decided) {
    lastSpeechSample = lastSpeech;
    decidedSample = decided;
    decidedNanos = clock.getAsLong();
    finished = true;
    if (stream != null) {
      stream.finish();
    }
  }

  boolean finished() {
    return finished;
  }

  /** The recogniser ended the stream before the turn was over: the turn ends here, at {@code position}. */
  void endedByRecogniser(long position) {
    if (!finished) {
      lastSpeechSample = position;
      decidedSample = position;
      decidedNanos = clock.getAsLong();
      finished = true;
    }
  }

  /** Takes in an earlier turn of the same caller whose result came while this one was already being heard. */
  void absorb(CallerTurn earlier) {
    String heard = earlier.text();
    priorText = heard.isEmpty() ? priorText : (heard + " " + priorText).strip();
    onsetSample = Math.min(onsetSample, earlier.onsetSample);
  }

  /** Abandons each of the turns that exists (the call ended). */
  static void abandonAll(CallerTurn... turns) {
    for (CallerTurn t : turns) {
      if (t != null) {
        t.abandon();
      }
    }
  }

  /** Drops the turn: the recognition stream is cancelled and its results ignored. */
  void abandon() {
    abandoned = true;
    if (stream != null) {
      stream.cancel();
    }
  }

  /** Everything recognised, after any text carried over from an abandoned reply. */
  String text() {
    String heard = finals.toString().strip();
    return priorText.isEmpty() ? heard : (priorText + " " + heard).strip();
  }

  private void append(String text) {
    if (text != null && !text.isBlank()) {
      finals.append(finals.length() == 0 ? "" : " ").append(text.strip());
    }
  }

  private static int words(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : t.split("\\s+").length;
  }

  private void post(Runnable task) {
    loop.execute(() -> {
      if (!abandoned) {
        task.run();
      }
    });
  }
}
