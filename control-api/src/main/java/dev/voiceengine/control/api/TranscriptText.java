package dev.voiceengine.control.api;

import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.TurnRole;
import java.util.List;

/**
 * A transcript as plain text, one line per turn: {@code [mm:ss.SSS] role: text}, the time counted from the answer
 * (hours are added in front when the call ran that long), "(interrupted)" after a reply the caller cut off. Line
 * breaks inside a turn become spaces so a line is always a turn. A key the caller pressed is a line of its own,
 * {@code [mm:ss.SSS] caller: [pressed 5]}, in time order among the turns.
 */
final class TranscriptText {
  private TranscriptText() {}

  static String of(List<CallTurn> turns) {
    return of(turns, List.of());
  }

  static String of(List<CallTurn> turns, List<CallDtmf> keys) {
    StringBuilder out = new StringBuilder();
    for (TranscriptEntries.Entry e : TranscriptEntries.of(turns, keys)) {
      if (e.key() != null) {
        out.append('[').append(clock(e.startMs())).append("] ").append(TurnRole.CALLER.wire()).append(": ")
            .append(e.text()).append('\n');
        continue;
      }
      CallTurn t = e.turn();
      out.append('[').append(clock(t.startMs())).append("] ")
          .append(t.role() == null ? "unknown" : t.role().wire()).append(": ")
          .append(t.text().replaceAll("[\\r\\n]+", " ").strip());
      if (t.interrupted()) {
        out.append(" (interrupted)");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Milliseconds as [h:]mm:ss.SSS; negative values (a clock step in the engine) count as 0. */
  static String clock(long millis) {
    long ms = Math.max(0, millis);
    long hours = ms / 3_600_000;
    long minutes = ms / 60_000 % 60;
    long seconds = ms / 1000 % 60;
    String rest = String.format("%02d:%02d.%03d", minutes, seconds, ms % 1000);
    return hours > 0 ? hours + ":" + rest : rest;
  }
}
