package dev.voiceengine.conversation.amd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.voiceengine.testsupport.audio.GreetingSet;
import dev.voiceengine.testsupport.audio.SpokenAudio;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Named answering scenarios through the detector, 20 ms at a time, with the cue that decided. */
class AmdDetectorTest {
  /** Builds audio piece by piece: silence, speech, tones. */
  static final class Audio {
    final List<short[]> pieces = new ArrayList<>();

    Audio silence(int ms) {
      pieces.add(new short[ms * 8]);
      return this;
    }

    Audio say(String text) {
      pieces.add(SpokenAudio.say(text));
      return this;
    }

    Audio beep(int hz, int ms) throws Exception {
      pieces.add(GreetingSet.tone(hz, ms, -12));
      return this;
    }

    AmdDetector run() {
      AmdDetector d = new AmdDetector(AmdSettings.DEFAULTS);
      short[] frame = new short[160];
      List<Short> all = new ArrayList<>();
      for (short[] p : pieces) {
        for (short s : p) {
          all.add(s);
        }
      }
      for (int at = 0; at + 160 <= all.size(); at += 160) {
        for (int i = 0; i < 160; i++) {
          frame[i] = all.get(at + i);
        }
        d.accept(frame, 0, 160);
      }
      return d;
    }
  }

  @Test
  void aShortHelloThenSilenceIsAPersonWithinTwoSeconds() {
    AmdDetector d = new Audio().silence(300).say("Hello?").silence(2000).run();
    assertThat(d.verdict()).isEqualTo(AmdDetector.Verdict.HUMAN);
    assertThat(d.reason()).isEqualTo("short_greeting");
    assertThat(d.decisionMs()).isLessThan(2000);
  }

  @Test
  void aLongGreetingIsAMachineBeforeItEnds() {
    AmdDetector d = new Audio().silence(300).say("Hi, you've reached Mark. I can't take your call right now, please"
        + " leave a message after the tone, and I will call you back as soon as I can.").silence(500).run();
    assertThat(d.verdict()).isEqualTo(AmdDetector.Verdict.MACHINE);
    assertThat(d.reason()).isEqualTo("long_greeting");
    assertThat(d.decisionMs()).isLessThanOrEqualTo(300 + AmdSettings.DEFAULTS.maxGreetingMs() + 200L);
  }

  @Test
  void aShortGreetingFollowedByABeepIsAMachineWithTheBeepsTime() throws Exception {
    AmdDetector d = new Audio().silence(300).say("Leave message.").silence(300).beep(1000, 400).silence(1000).run();
    assertThat(d.verdict()).isEqualTo(AmdDetector.Verdict.MACHINE);
    assertThat(d.reason()).isEqualTo("beep");
    assertThat(d.beep().beepStart()).isPositive();
  }

  @Test
  void aBeepOnlyBoxIsAMachine() throws Exception {
    AmdDetector d = new Audio().silence(800).beep(850, 500).silence(1000).run();
    assertThat(d.verdict()).isEqualTo(AmdDetector.Verdict.MACHINE);
    assertThat(d.beep().beepStart() / 8).isBetween(780L, 840L);
  }

  @Test
  void silenceIsAMachineAfterTheInitialSilence() {
    AmdDetector d = new Audio().silence(5000).run();
    assertThat(d.verdict()).isEqualTo(AmdDetector.Verdict.MACHINE);
    assertThat(d.reason()).isEqualTo("initial_silence");
    assertThat(d.decisionMs()).isEqualTo(AmdSettings.DEFAULTS.initialSilenceMs());
  }

  @Test
  void repeatedHellosAreAPersonAtTheFirstPause() {
    AmdDetector d = new Audio().silence(200).say("Hello?").silence(1200).say("Hello?").silence(2000).run();
    assertThat(d.verdict()).isEqualTo(AmdDetector.Verdict.HUMAN);
    assertThat(d.decisionMs()).isLessThan(1800);
  }

  @Test
  void theVoiceActivityGateKeepsLoudNonSpeechOut() {
    AmdDetector d = new AmdDetector(AmdSettings.DEFAULTS);
    d.voiceActivity(0.01f);
    short[] loud = GreetingSet.withNoise(new short[160], -10, 1);
    for (int i = 0; i < 50; i++) {
      d.accept(loud, 0, 160);
    }
    assertThat(d.greetingStarted()).isFalse();
  }

  @Test
  void thresholdsMustBePositive() {
    assertThatThrownBy(() -> new AmdSettings(0, 1, 1, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VoicemailSettings(true, VoicemailSettings.Action.LEAVE_MESSAGE, " ", 1000, null))
        .hasMessageContaining("message");
  }
}
