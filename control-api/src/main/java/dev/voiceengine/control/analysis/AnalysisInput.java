package dev.voiceengine.control.analysis;

import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.TurnRole;
import java.util.List;

/** One ended call as the analyzers see it: its record and its turns in order. */
public record AnalysisInput(CallRecord call, List<CallTurn> turns) {
  public AnalysisInput {
    turns = List.copyOf(turns);
  }

  /** The non-blank texts of one side, in order. */
  public List<String> texts(TurnRole role) {
    return turns.stream().filter(t -> t.role() == role && t.text() != null && !t.text().isBlank())
        .map(t -> t.text().strip()).toList();
  }
}
