package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log ids increase across store restarts and pruning; pruning keeps the window and always the newest row. */
class CallEventLogTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;

  long append(CallStore store, String call) throws Exception {
    return store.inOneTransaction(w -> CallEventLog.append(w, call, null, T0, "call.offered", new byte[] {1, 2}))
        .id();
  }

  @Test
  void idsSurviveRestartsAndPruning() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    CallEventLog log = new CallEventLog(database);
    assertThat(log.lastId()).isZero();
    try (CallStore store = new CallStore(database, Clock.fixed(T0, ZoneOffset.UTC))) {
      assertThat(List.of(append(store, "a"), append(store, "b"), append(store, "a"))).containsExactly(1L, 2L, 3L);
    }
    try (CallStore again = new CallStore(database, Clock.fixed(T0.plus(Duration.ofDays(2)), ZoneOffset.UTC))) {
      assertThat(append(again, "c")).isEqualTo(4);
      int pruned = database.transaction(c -> CallEventLog.prune(c, 4, T0.plus(Duration.ofDays(1))));
      assertThat(pruned).as("the three rows older than a day").isEqualTo(3);
      assertThat(log.after(0, null, null, 10)).extracting(LoggedEvent::id).containsExactly(4L);
      int none = database.transaction(c -> CallEventLog.prune(c, 4, T0.plus(Duration.ofDays(3))));
      assertThat(none).as("the newest row carries the sequence").isZero();
      assertThat(append(again, "c")).isEqualTo(5);
    }
    assertThat(log.after(0, "c", null, 10)).extracting(LoggedEvent::payload).containsExactly(
        new byte[] {1, 2}, new byte[] {1, 2});
    assertThat(log.after(4, "c", null, 10)).extracting(LoggedEvent::id).containsExactly(5L);
  }
}
