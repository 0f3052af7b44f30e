package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
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
  void theFileIsTheOwnersAlone() throws Exception {
    PendingEvents pending = new PendingEvents(dir.resolve("p.pb"));
    assertThat(pending.append(offered(CallEventWriterTest.id(0), T0))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("p.pb"))))
        .isEqualTo("rw-------");
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
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("p.pb"))))
        .as("rewritten with the rest, still the owner's alone").isEqualTo("rw-------");
    applied.clear();
    assertThat(pending.replay(e -> applied.add(e.getCallId()))).isEqualTo(2);
    assertThat(applied).containsExactly(CallEventWriterTest.id(2), CallEventWriterTest.id(3));
  }

  @Test
  void manyKeptEventsAreReplayedInBatchesInOrder() throws Exception {
    PendingEvents pending = new PendingEvents(dir.resolve("p.pb"));
    List<CallEvent> kept = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      kept.add(offered(CallEventWriterTest.id(i), T0));
    }
    assertThat(pending.appendAll(kept.subList(0, 300))).isTrue();
    for (CallEvent event : kept.subList(300, 600)) {
      assertThat(pending.append(event)).isTrue();
    }
    RecordingApplier store = new RecordingApplier();
    assertThat(pending.replay(store)).isEqualTo(600);
    assertThat(store.committed).containsExactlyElementsOf(kept);
    assertThat(store.transactions).containsExactly(256, 256, 88);
    assertThat(pending.isEmpty()).isTrue();
  }

  @Test
  void aBatchWithAnEventTheStoreRefusesIsReplayedUpToItAndTheRestStays() throws Exception {
    PendingEvents pending = new PendingEvents(dir.resolve("p.pb"));
    for (int i = 0; i < 300; i++) {
      pending.append(offered(CallEventWriterTest.id(i), T0));
    }
    String refused = CallEventWriterTest.id(260);
    RecordingApplier store = new RecordingApplier().refusing(e -> e.getCallId().equals(refused));
    assertThat(pending.replay(store)).isEqualTo(260);
    assertThat(store.transactions).as("the first batch whole, then the second one event at a time up to the refused")
        .containsExactly(256, 1, 1, 1, 1);

    RecordingApplier fixed = new RecordingApplier();
    assertThat(pending.replay(fixed)).isEqualTo(40);
    assertThat(fixed.committedIds().get(0)).isEqualTo(refused);
    assertThat(pending.isEmpty()).isTrue();
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
