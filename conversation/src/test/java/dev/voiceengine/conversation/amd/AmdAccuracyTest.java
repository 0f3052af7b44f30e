package dev.voiceengine.conversation.amd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.testsupport.audio.GreetingSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The detector with its default thresholds on the held-out half of the generated greeting set (voices, speeds,
 * phrases and beeps it was not tuned on), fed 20 ms frames as a call feeds it. Prints accuracy, per-kind results
 * and decision times (the numbers in benchmarks/RESULTS.md).
 */
class AmdAccuracyTest {
  static final Path CACHE = Path.of("target", "amd-greetings");

  @Test
  void heldOutSetIsClassifiedWellAndPeopleAreRarelyTakenForMachines() throws Exception {
    List<GreetingSet.Clip> clips = GreetingSet.heldOut(CACHE);
    AmdScore score = AmdScore.run(clips, AmdSettings.DEFAULTS);
    System.out.println("AMD held-out set:\n" + score.report());

    assertThat(score.accuracy()).as(score.report()).isGreaterThanOrEqualTo(0.90);
    assertThat(score.humansAsMachine() * 20).as("people classified machine, at most 1 in 20")
        .isLessThanOrEqualTo(score.count(GreetingSet.Label.HUMAN));
  }

  @Test
  void tuningSetScores() throws Exception {
    AmdScore score = AmdScore.run(GreetingSet.tuning(CACHE), AmdSettings.DEFAULTS);
    System.out.println("AMD tuning set:\n" + score.report());
    assertThat(score.accuracy()).as(score.report()).isGreaterThanOrEqualTo(0.90);
  }
}
