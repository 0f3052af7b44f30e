package dev.voiceengine.conversation.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named scenarios: VAD windows of 32 ms (256 samples) with probabilities, and what the detector decides. */
class TurnDetectorTest {
  private static final int WINDOW = 256;
  private final List<String> decisions = new ArrayList<>();
  private long position;

  private final TurnDetector.Listener listener = new TurnDetector.Listener() {
    @Override
    public void callerSpeechStarted(long onsetSample) {
      decisions.add("started@" + onsetSample);
    }

    @Override
    public void interruption(long onsetSample) {
      decisions.add("interrupt@" + position);
    }

    @Override
    public void callerSpeechDiscarded() {
      decisions.add("discarded@" + position);
    }

    @Override
    public void callerTurnEnded(long lastSpeechSample, long atSample) {
      decisions.add("ended:" + lastSpeechSample + "@" + atSample);
    }
  };

  private void feed(TurnDetector d, int windows, float p) {
    for (int i = 0; i < windows; i++) {
      position += WINDOW;
      d.onWindow(position, WINDOW, p);
    }
  }

  private static int windowsFor(int ms) {
    return (ms * 8 + WINDOW - 1) / WINDOW;
  }

  @Test
  void aSentenceThenSilenceIsOneTurnEndingAfterTheEndpointSilence() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS, listener);
    feed(d, 10, 0.01f);
    feed(d, windowsFor(1500), 0.9f);
    long lastSpeech = position;
    feed(d, windowsFor(2000), 0.02f);
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(0)).isEqualTo("started@" + 10 * WINDOW);
    String ended = decisions.get(1);
    long at = Long.parseLong(ended.substring(ended.indexOf('@') + 1));
    assertThat(ended).startsWith("ended:" + lastSpeech + "@");
    assertThat(at - lastSpeech).isBetween(600L * 8, 600L * 8 + WINDOW);
  }

  @Test
  void shortPausesInsideASentenceDoNotEndTheTurn() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS, listener);
    for (int i = 0; i < 4; i++) {
      feed(d, windowsFor(500), 0.8f);
      feed(d, windowsFor(400), 0.1f);
    }
    assertThat(decisions).containsExactly("started@0");
    feed(d, windowsFor(300), 0.1f);
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(1)).startsWith("ended:");
  }

  @Test
  void hysteresisKeepsSpeechThroughDipsAboveTheSilenceThreshold() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS, listener);
    feed(d, 5, 0.9f);
    feed(d, windowsFor(1000), 0.4f); // below 0.5 but above 0.35: still speech
    assertThat(decisions).containsExactly("started@0");
    feed(d, windowsFor(700), 0.1f);
    assertThat(decisions.get(1)).startsWith("ended:" + (5 + windowsFor(1000)) * WINDOW);
  }

  @Test
  void aClickShorterThanTheMinimumSpeechIsNothing() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS, listener);
    feed(d, 1, 0.95f); // 32 ms
    feed(d, windowsFor(2000), 0.0f);
    assertThat(decisions).isEmpty();
  }

  @Test
  void speechOverTheAgentInterruptsOnceItLastsTheMinimum() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS, listener);
    d.agentSpeaking(true);
    feed(d, windowsFor(200), 0.9f);
    assertThat(decisions).containsExactly("started@0");
    feed(d, windowsFor(150), 0.9f);
    assertThat(decisions).hasSize(2);
    String interrupt = decisions.get(1);
    long at = Long.parseLong(interrupt.substring(interrupt.indexOf('@') + 1));
    assertThat(at).isBetween(300L * 8, 300L * 8 + 2 * WINDOW);
    d.agentSpeaking(false);
    feed(d, windowsFor(700), 0.0f);
    assertThat(decisions.get(2)).startsWith("ended:");
  }

  @Test
  void aBurstOverTheAgentShorterThanTheMinimumIsDiscarded() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS, listener);
    d.agentSpeaking(true);
    feed(d, windowsFor(150), 0.9f); // a cough
    feed(d, windowsFor(1000), 0.0f);
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(0)).isEqualTo("started@0");
    assertThat(decisions.get(1)).startsWith("discarded@");
  }

  @Test
  void aNonInterruptibleAgentIsNotInterruptedButTheCallerIsHeardAfterIt() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS.with(null, null, null, false), listener);
    d.agentSpeaking(true);
    feed(d, windowsFor(1000), 0.9f);
    assertThat(decisions).containsExactly("started@0");
    d.agentSpeaking(false);
    feed(d, 2, 0.9f);
    feed(d, windowsFor(700), 0.0f);
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(1)).startsWith("ended:");
  }

  @Test
  void enoughRecognisedWordsInterruptBeforeTheMinimumDuration() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS.with(null, 2000, 2, null), listener);
    d.agentSpeaking(true);
    feed(d, windowsFor(200), 0.9f);
    assertThat(decisions).containsExactly("started@0");
    d.wordsHeard(1, position);
    assertThat(decisions).hasSize(1);
    d.wordsHeard(2, position);
    assertThat(decisions).hasSize(2);
    assertThat(decisions.get(1)).startsWith("interrupt@");
  }

  @Test
  void aFinalTranscriptEndsTheTurnAfterTheShorterSilence() {
    TurnDetector d = new TurnDetector(TurnSettings.DEFAULTS, listener);
    feed(d, windowsFor(800), 0.9f);
    d.finalTranscript();
    long lastSpeech = position;
    feed(d, windowsFor(350), 0.0f);
    assertThat(decisions).hasSize(2);
    String ended = decisions.get(1);
    long at = Long.parseLong(ended.substring(ended.indexOf('@') + 1));
    assertThat(at - lastSpeech).isBetween(300L * 8, 300L * 8 + WINDOW);
  }

  @Test
  void settingsOutOfRangeAreRefusedWithTheKeyName() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TurnSettings.DEFAULTS.with(50, null, null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endpoint_silence_ms");
  }
}
