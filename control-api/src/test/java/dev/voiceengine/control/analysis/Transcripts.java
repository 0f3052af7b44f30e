package dev.voiceengine.control.analysis;

import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.TurnRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Fixed calls for the analyzers: alternating turns, an answered completed record. */
final class Transcripts {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private Transcripts() {}

  static CallRecord answered(String outcome) {
    return CallRecord.builder("call-1").agentId("demo").status(CallStatus.COMPLETED).outcome(outcome)
        .startedAt(T0).answeredAt(T0.plusSeconds(1)).endedAt(T0.plusSeconds(60)).build();
  }

  /** Turns from texts; the first is the agent's, then they alternate. */
  static AnalysisInput conversation(CallRecord call, String... texts) {
    List<CallTurn> turns = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      TurnRole role = i % 2 == 0 ? TurnRole.AGENT : TurnRole.CALLER;
      turns.add(new CallTurn(i, role, texts[i], i * 3_000L, i * 3_000L + 2_000, false, null, null));
    }
    return new AnalysisInput(call, turns);
  }

  static AnalysisInput conversation(String... texts) {
    return conversation(answered("caller_hangup"), texts);
  }
}
