package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.store.CallStore.Added;
import dev.voiceengine.control.store.CallTransitions.Change;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallStoreConversationTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final String A = "00000000-0000-0000-0000-00000000000a";
  static final String B = "00000000-0000-0000-0000-00000000000b";
  static final CallStart START = new CallStart("s", CallDirection.INBOUND, "a", "b", "demo", "t", null);

  @TempDir Path dir;
  Database database;
  CallQueries queries;

  @BeforeEach
  void setUp() {
    database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    queries = new CallQueries(database);
  }

  private CallStore storeAt(Instant now) {
    return new CallStore(database, Clock.fixed(now, ZoneOffset.UTC));
  }

  static CallTurn turn(int index, String text) {
    return new CallTurn(index, index % 2 == 0 ? TurnRole.AGENT : TurnRole.CALLER, text, index * 1000L,
        index * 1000L + 800, false, index % 2 == 0 ? null : new TurnLatencies(400L, 100L, 300L, 150L, 950L),
        index % 2 == 0 ? text : null);
  }

  @Test
  void aNewTurnMarksAKnownCallUpdatedAndARepeatedOneDoesNot() throws Exception {
    storeAt(T0).offered(A, T0, START);
    Instant later = T0.plusSeconds(30);
    Added first = storeAt(later).turnCompleted(A, T0.plusSeconds(5), turn(0, "Hello"));
    assertThat(first).isEqualTo(new Added(Change.UNCHANGED, true));
    assertThat(queries.find(A).orElseThrow().updatedAt()).isEqualTo(later);

    Added again = storeAt(later.plusSeconds(30)).turnCompleted(A, T0.plusSeconds(5), turn(0, "Hello"));
    assertThat(again).isEqualTo(new Added(Change.UNCHANGED, false));
    assertThat(queries.find(A).orElseThrow().updatedAt()).as("a replay changes nothing").isEqualTo(later);
  }

  @Test
  void aTurnOfAnUnknownCallCreatesIt() throws Exception {
    Added added = storeAt(T0).turnCompleted(A, T0.plusSeconds(5), turn(0, "Hello"));
    assertThat(added).isEqualTo(new Added(Change.CREATED_WITHOUT_OFFER, true));
    CallRecord call = queries.find(A).orElseThrow();
    assertThat(call.status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(call.answeredAt()).isEqualTo(T0.plusSeconds(5).minusMillis(800));
  }

  @Test
  void aFailureAtAnAbsurdOffsetStillCreatesAStorableCall() throws Exception {
    storeAt(T0).providerFailed(A, T0, new ProviderError("llm", "p", "UNAVAILABLE", null, Long.MAX_VALUE, null));
    assertThat(queries.find(A).orElseThrow().answeredAt()).isEqualTo(Timestamps.MIN);
  }

  @Test
  void detailsHoldTheConversationOfTheirCallOnly() throws Exception {
    CallStore store = storeAt(T0);
    store.offered(A, T0, START);
    store.offered(B, T0, START);
    store.turnCompleted(A, T0, turn(1, "Hi"));
    store.turnCompleted(A, T0, turn(0, "Hello"));
    store.turnCompleted(B, T0, turn(0, "Other call"));
    store.providerFailed(A, T0, new ProviderError("stt", "p", "UNAVAILABLE", "down", 1500, "apologized"));
    CallUsage usage = new CallUsage(new UsedProvider("s", "m", 2.5, 0, 0, 0, 1), null,
        new UsedProvider("t", null, 0, 0, 0, 42, 1));
    store.ended(A, T0.plusSeconds(9), new CallEnd("caller_hangup", null, null, null, null, null, null, null, usage));
    store.ended(A, T0.plusSeconds(9), new CallEnd("caller_hangup", null, null, null, null, null, null, null,
        new CallUsage(new UsedProvider("changed", "m", 99, 0, 0, 0, 9), null, null)));

    CallDetails a = queries.findDetails(A).orElseThrow();
    assertThat(a.call().status()).isEqualTo(CallStatus.FAILED);
    assertThat(a.transcript()).containsExactly(turn(0, "Hello"), turn(1, "Hi"));
    assertThat(a.providerErrors()).containsExactly(
        new ProviderError("stt", "p", "UNAVAILABLE", "down", 1500, "apologized"));
    assertThat(a.usage()).as("the first end's usage stays").isEqualTo(usage);

    CallDetails b = queries.findDetails(B).orElseThrow();
    assertThat(b.transcript()).containsExactly(turn(0, "Other call"));
    assertThat(b.providerErrors()).isEmpty();
    assertThat(b.usage()).isNull();
    assertThat(queries.findDetails("00000000-0000-0000-0000-0000000000ff")).isEmpty();
  }

  @Test
  void transcriptsOfAPageComePerCall() throws Exception {
    CallStore store = storeAt(T0);
    store.offered(A, T0, START);
    store.offered(B, T0, START);
    store.turnCompleted(B, T0, turn(1, "second"));
    store.turnCompleted(B, T0, turn(0, "first"));
    Map<String, List<CallTurn>> transcripts = queries.transcripts(List.of(A, B));
    assertThat(transcripts).containsOnlyKeys(B);
    assertThat(transcripts.get(B)).extracting(CallTurn::text).containsExactly("first", "second");
    assertThat(queries.transcripts(List.of())).isEmpty();
    assertThat(queries.transcript(B)).extracting(CallTurn::index).containsExactly(0, 1);
  }
}
