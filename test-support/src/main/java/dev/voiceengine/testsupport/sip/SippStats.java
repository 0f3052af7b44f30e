package dev.voiceengine.testsupport.sip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sipp's own statistics, from the CSV it writes with {@code -trace_stat -stf FILE}: a header row of column names
 * and a row per dump ({@code -fd}), separated by semicolons. Counters ending in {@code (C)} are cumulative.
 */
public final class SippStats {
  private SippStats() {}

  /** The last row of the statistics file, column name → value (empty before the first dump). */
  public static Map<String, String> lastRow(Path csv) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.exists(csv)) {
      return out;
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1).stream()
        .filter(l -> !l.isBlank()).toList();
    if (lines.size() < 2) {
      return out;
    }
    String[] names = lines.get(0).split(";");
    String[] values = lines.get(lines.size() - 1).split(";");
    for (int i = 0; i < Math.min(names.length, values.length); i++) {
      out.put(names[i].trim(), values[i].trim());
    }
    return out;
  }

  /** A counter of a statistics row, e.g. {@code "SuccessfulCall(C)"}; -1 when absent. */
  public static long counter(Map<String, String> row, String column) {
    String v = row.get(column);
    return v == null || v.isEmpty() ? -1 : Long.parseLong(v);
  }
}
