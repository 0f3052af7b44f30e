package dev.voiceengine.conversation.amd;

import dev.voiceengine.testsupport.audio.GreetingSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs clips through the detector as a call would feed it (20 ms frames from the answer on, silence after the clip
 * until the timeout) and scores the verdicts: a person is right when classified human or unknown (unknown is
 * treated as a person), a machine when classified machine. The beep counts as found when the detector's onset is
 * within {@link #BEEP_TOLERANCE} of the truth.
 */
final class AmdScore {
  static final int FRAME = 160;
  static final int BEEP_TOLERANCE = 60 * 8;

  record Outcome(GreetingSet.Clip clip, AmdDetector.Verdict verdict, String reason, long decisionMs,
      long beepAt) {
    boolean correct() {
      boolean machine = verdict == AmdDetector.Verdict.MACHINE;
      return machine == (clip.label() == GreetingSet.Label.MACHINE);
    }

    boolean beepFound() {
      return clip.beepAt() >= 0 && beepAt >= 0 && Math.abs(beepAt - clip.beepAt()) <= BEEP_TOLERANCE;
    }
  }

  final List<Outcome> outcomes = new ArrayList<>();

  static AmdScore run(List<GreetingSet.Clip> clips, AmdSettings settings) {
    AmdScore score = new AmdScore();
    for (GreetingSet.Clip c : clips) {
      score.outcomes.add(classify(c, settings));
    }
    return score;
  }

  static Outcome classify(GreetingSet.Clip c, AmdSettings settings) {
    AmdDetector d = new AmdDetector(settings);
    short[] frame = new short[FRAME];
    int total = Math.max(c.pcm().length, (settings.timeoutMs() + 100) * 8);
    for (int at = 0; at + FRAME <= total; at += FRAME) {
      Arrays.fill(frame, (short) 0);
      if (at < c.pcm().length) {
        System.arraycopy(c.pcm(), at, frame, 0, Math.min(FRAME, c.pcm().length - at));
      }
      d.accept(frame, 0, FRAME);
      if (System.getenv("AMD_TRACE") != null && c.name().matches(System.getenv("AMD_TRACE"))) {
        System.out.print(d.lastFrameSpeech ? '#' : '.');
        if (at % 8000 == 8000 - FRAME) System.out.print('|');
      } // on to the end: the beep is tracked after the verdict too
    }
    if (System.getenv("AMD_TRACE") != null && c.name().matches(System.getenv("AMD_TRACE"))) System.out.println(" " + c.name());
    return new Outcome(c, d.verdict(), d.reason(), d.decisionMs(), d.beep().beepStart());
  }

  double accuracy() {
    return (double) outcomes.stream().filter(Outcome::correct).count() / outcomes.size();
  }

  long count(GreetingSet.Label label) {
    return outcomes.stream().filter(o -> o.clip().label() == label).count();
  }

  long humansAsMachine() {
    return outcomes.stream().filter(o -> o.clip().label() == GreetingSet.Label.HUMAN && !o.correct()).count();
  }

  long machinesAsHuman() {
    return outcomes.stream().filter(o -> o.clip().label() == GreetingSet.Label.MACHINE && !o.correct()).count();
  }

  long decisionPercentile(int p, GreetingSet.Label label) {
    long[] ms = outcomes.stream().filter(o -> label == null || o.clip().label() == label)
        .mapToLong(Outcome::decisionMs).sorted().toArray();
    return ms.length == 0 ? -1 : ms[Math.min(ms.length - 1, (int) Math.ceil(p / 100.0 * ms.length) - 1)];
  }

  double beepRate() {
    long beeps = outcomes.stream().filter(o -> o.clip().beepAt() >= 0).count();
    return (double) outcomes.stream().filter(Outcome::beepFound).count() / beeps;
  }

  long falseBeeps() {
    return outcomes.stream().filter(o -> o.clip().beepAt() < 0 && o.beepAt() >= 0).count();
  }

  String report() {
    StringBuilder s = new StringBuilder();
    Map<String, int[]> byKind = new TreeMap<>();
    for (Outcome o : outcomes) {
      int[] n = byKind.computeIfAbsent(o.clip().kind(), k -> new int[2]);
      n[0]++;
      n[1] += o.correct() ? 1 : 0;
      if (!o.correct()) {
        s.append(String.format("  wrong: %s -> %s (%s at %d ms)%n", o.clip().name(), o.verdict(), o.reason(),
            o.decisionMs()));
      }
    }
    byKind.forEach((k, n) -> s.append(String.format("  %-18s %d/%d right%n", k, n[1], n[0])));
    s.append(String.format("accuracy %.1f %% of %d; humans as machine %d/%d; machines as human %d/%d%n",
        100 * accuracy(), outcomes.size(), humansAsMachine(), count(GreetingSet.Label.HUMAN), machinesAsHuman(),
        count(GreetingSet.Label.MACHINE)));
    s.append(String.format("decision ms: median %d p90 %d (humans median %d, machines median %d)%n",
        decisionPercentile(50, null), decisionPercentile(90, null),
        decisionPercentile(50, GreetingSet.Label.HUMAN), decisionPercentile(50, GreetingSet.Label.MACHINE)));
    s.append(String.format("beeps found %.1f %%, beeps where none was played %d%n", 100 * beepRate(), falseBeeps()));
    return s.toString();
  }
}
