package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingEventsTest {
  @TempDir Path dir;

  @Test
  void replayAppliesInOrderAndRemovesTheFile() throws Exception {
    PendingEvents pending = new PendingEvents(dir.resolve("p.pb"));
    assertThat(pending.isEmpty()).isTrue();
    for (int i = 0; i < 5; i++) {
      assertThat(pending.append(offered(CallEventWriterTest.id(i), T0))).isTrue();
    }
    List<String> applied = new ArrayList<>();
    assertThat(pending.replay(e -> applied.add(e.getCallId()))).isEqualTo(5);
    assertThat(applied).containsExactly(CallEventWriterTest.id(0), CallEventWriterTest.id(1),
        CallEventWriterTest.id(2), CallEventWriterTest.id(3), CallEventWriterTest.id(4));
    assertThat(pending.isEmpty()).isTrue();
    assertThat(dir.resolve("p.pb")).doesNotExist();
  }

  @Test
  void aFailingEventStopsTheReplayAndItAndTheRestStayInOrder() throws Exception {
    PendingEvents pending = new PendingEvents(dir.resolve("p.pb"));
    for (int i = 0; i < 4; i++) {
      pending.append(offered(CallEventWriterTest.id(i), T0));
    }
    List<String> applied = new ArrayList<>();
    assertThat(pending.replay(e -> {
      if (e.getCallId().equals(CallEventWriterTest.id(2))) {
        throw new SQLException("database is locked");
      }
      applied.add(e.getCallId());
    })).isEqualTo(2);
    assertThat(pending.isEmpty()).isFalse();
    applied.clear();
    assertThat(pending.replay(e -> applied.add(e.getCallId()))).isEqualTo(2);
    assertThat(applied).containsExactly(CallEventWriterTest.id(2), CallEventWriterTest.id(3));
  }

  @Test
  void aTornLastRecordKeepsWhatWasWhole() throws Exception {
    Path file = dir.resolve("p.pb");
    PendingEvents pending = new PendingEvents(file);
    pending.append(offered(CallEventWriterTest.id(1), T0));
    pending.append(offered(CallEventWriterTest.id(2), T0));
    byte[] whole = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 3), StandardOpenOption.TRUNCATE_EXISTING);
    List<String> applied = new ArrayList<>();
    assertThat(pending.replay(e -> applied.add(e.getCallId()))).isEqualTo(1);
    assertThat(applied).containsExactly(CallEventWriterTest.id(1));
    assertThat(pending.isEmpty()).isTrue();
  }
}
