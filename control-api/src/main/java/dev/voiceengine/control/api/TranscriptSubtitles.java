package dev.voiceengine.control.api;

import dev.voiceengine.control.store.CallDtmf;
import dev.voiceengine.control.store.CallTurn;
import java.util.List;

/**
 * A transcript as subtitles for the call's recording: SubRip ({@code srt}) or WebVTT ({@code vtt}). One cue per
 * turn or key press ("caller: [pressed 5]"), numbered from 1, timed by the turn's start and end in milliseconds from the answer (where the recording
 * starts); the text is "role: words", on one line. A turn whose end is not after its start gets one millisecond, so
 * every cue is valid. WebVTT: the file starts with "WEBVTT" and a blank line, times use a dot (W3C WebVTT §4.1);
 * a cue text must not contain "-->", which is written "->" instead.
 */
final class TranscriptSubtitles {
  /** The subtitle formats. */
  enum Format { SRT, VTT }

  private TranscriptSubtitles() {}

  static String of(List<CallTurn> turns, List<CallDtmf> keys, Format format) {
    StringBuilder out = new StringBuilder();
    if (format == Format.VTT) {
      out.append("WEBVTT\n\n");
    }
    char separator = format == Format.SRT ? ',' : '.';
    int number = 1;
    for (TranscriptEntries.Entry e : TranscriptEntries.of(turns, keys)) {
      CallTurn t = e.turn();
      long start = Math.max(0, e.startMs());
      long end = Math.max(start + 1, e.endMs());
      String role = t == null ? "caller" : t.role() == null ? "unknown" : t.role().wire();
      String text = role + ": " + e.text().replaceAll("\\s+", " ").strip()
          + (t != null && t.interrupted() ? " (interrupted)" : "");
      out.append(number++).append('\n')
          .append(time(start, separator)).append(" --> ").append(time(end, separator)).append('\n')
          .append(text.replace("-->", "->")).append("\n\n");
    }
    return out.toString();
  }

  /** hh:mm:ss,mmm (SRT) or hh:mm:ss.mmm (VTT); hours grow past 99 on absurdly long calls. */
  static String time(long millis, char separator) {
    return String.format("%02d:%02d:%02d%c%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
        separator, millis % 1000);
  }
}
