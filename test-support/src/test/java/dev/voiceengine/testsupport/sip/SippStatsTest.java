package dev.voiceengine.testsupport.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading sipp's -trace_stat CSV. */
class SippStatsTest {
  @TempDir Path dir;

  @Test
  void theLastRowByColumnName() throws Exception {
    Path csv = dir.resolve("stat.csv");
    Files.writeString(csv, "StartTime;TotalCallCreated;SuccessfulCall(C);FailedCall(C);\n"
        + "2024-01-01 00:00:00;3;1;0;\n"
        + "2024-01-01 00:00:01;10;8;1;\n\n");

    Map<String, String> row = SippStats.lastRow(csv);

    assertThat(SippStats.counter(row, "TotalCallCreated")).isEqualTo(10);
    assertThat(SippStats.counter(row, "SuccessfulCall(C)")).isEqualTo(8);
    assertThat(SippStats.counter(row, "FailedCall(C)")).isEqualTo(1);
    assertThat(SippStats.counter(row, "NoSuchColumn")).isEqualTo(-1);
  }

  @Test
  void nothingBeforeTheFirstDump() throws Exception {
    assertThat(SippStats.lastRow(dir.resolve("missing.csv"))).isEmpty();
    Path headerOnly = Files.writeString(dir.resolve("header.csv"), "StartTime;TotalCallCreated;\n");
    assertThat(SippStats.lastRow(headerOnly)).isEmpty();
  }
}
