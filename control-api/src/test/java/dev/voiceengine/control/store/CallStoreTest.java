package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallStoreTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant RESTART = Instant.parse("2025-03-02T08:00:00Z");

  @TempDir Path dir;

  @Test
  void failUnfinishedClosesRingingAndLiveCallsAndKeepsTheirRecording() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    CallStore before = new CallStore(database, Clock.fixed(T0, ZoneOffset.UTC));
    CallStart start = new CallStart("s", CallDirection.INBOUND, "a", "b", "demo", "t", null);
    before.offered("00000000-0000-0000-0000-000000000001", T0, start);
    before.offered("00000000-0000-0000-0000-000000000002", T0, start);
    before.answered("00000000-0000-0000-0000-000000000002", T0.plusSeconds(1), "PCMU/8000", "recordings/2.wav");
    before.offered("00000000-0000-0000-0000-000000000003", T0, start);
    before.answered("00000000-0000-0000-0000-000000000003", T0.plusSeconds(1), null, null);
    before.ended("00000000-0000-0000-0000-000000000003", T0.plusSeconds(9),
        new CallEnd("caller_hangup", null, null, null, null, null));

    CallStore after = new CallStore(database, Clock.fixed(RESTART, ZoneOffset.UTC));
    assertThat(after.failUnfinished()).isEqualTo(2);

    CallQueries queries = new CallQueries(database);
    CallRecord ringing = queries.find("00000000-0000-0000-0000-000000000001").orElseThrow();
    assertThat(ringing.status()).isEqualTo(CallStatus.FAILED);
    assertThat(ringing.outcome()).isEqualTo(CallStore.ENGINE_RESTART);
    assertThat(ringing.endedAt()).isEqualTo(RESTART);
    CallRecord live = queries.find("00000000-0000-0000-0000-000000000002").orElseThrow();
    assertThat(live.status()).isEqualTo(CallStatus.FAILED);
    assertThat(live.outcome()).isEqualTo(CallStore.ENGINE_RESTART);
    assertThat(live.recording()).isEqualTo("recordings/2.wav");
    assertThat(live.answeredAt()).isEqualTo(T0.plusSeconds(1));
    CallRecord done = queries.find("00000000-0000-0000-0000-000000000003").orElseThrow();
    assertThat(done.status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(done.outcome()).isEqualTo("caller_hangup");

    assertThat(after.failUnfinished()).as("nothing left to close").isZero();
  }
}
