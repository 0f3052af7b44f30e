package dev.voiceengine.control.analysis;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.callerTurn;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.ControlPlane;
import dev.voiceengine.control.ControlSettings;
import dev.voiceengine.control.store.CallAnalysis;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Analysis as the engine runs it: events in through the control plane, the analysis on the call's record. */
class ControlPlaneAnalysisTest {
  static final String ID = "0a1b2c3d-0000-4000-8000-000000000001";

  @TempDir Path dir;

  private static List<CallEvent> call() {
    return List.of(offered(ID, T0), answered(ID, T0.plusSeconds(1), ""),
        agentTurn(ID, T0.plusSeconds(3), 0, "Hello, how can I help?", 0, 2_000, false, ""),
        callerTurn(ID, T0.plusSeconds(6), 1, "My bill is wrong and I am upset", 3_000, 5_000, 0, 0, 0, 0, 0),
        agentTurn(ID, T0.plusSeconds(9), 2, "I have refunded the charge.", 6_000, 8_000, false, ""),
        ended(ID, T0.plusSeconds(10), "caller_hangup", 0, "", 0));
  }

  private Optional<CallAnalysis> analysis() throws Exception {
    CallQueries queries = new CallQueries(Database.of("jdbc:sqlite:" + dir.resolve("calls.db")));
    return Optional.ofNullable(queries.find(ID).orElseThrow().analysis());
  }

  /** Polls (bounded) until the call has its analysis. */
  private CallAnalysis awaitAnalysis() throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      Optional<CallAnalysis> analysis = analysis();
      if (analysis.isPresent()) {
        return analysis.get();
      }
      Thread.sleep(20); // bounded poll: the analysis runs on its own pool
    }
    throw new AssertionError("the call was not analysed within the bound");
  }

  @Test
  void aCallEndedThroughTheControlPlaneGetsTheHeuristicAnalysis() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, null, 0, List.of()))) {
      call().forEach(plane::accept);
      plane.flush();
      CallAnalysis analysis = awaitAnalysis();
      assertThat(analysis.method()).isEqualTo("heuristic");
      assertThat(analysis.sentiment()).isEqualTo("negative");
      assertThat(analysis.tags()).containsExactly("billing");
      assertThat(analysis.callSuccess()).isTrue();
      assertThat(analysis.endedReason()).isEqualTo("caller_hangup");
      assertThat(analysis.summary()).contains("My bill is wrong", "I have refunded the charge.");
      assertThat(analysis.analyzedAt()).isNotNull();
    }
  }

  @Test
  void callsEndedWhileAnalysisWasOffAreAnalysedAtTheNextStart() throws Exception {
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, null, 0, List.of()),
        AnalysisSettings.DISABLED)) {
      call().forEach(plane::accept);
      plane.flush();
    }
    assertThat(analysis()).isEmpty();
    try (ControlPlane plane = ControlPlane.start(new ControlSettings(dir, null, null, 0, List.of()))) {
      assertThat(awaitAnalysis().tags()).containsExactly("billing");
    }
  }
}
