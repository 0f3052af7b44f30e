package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallQueriesTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @TempDir Path dir;
  CallStore store;
  CallQueries queries;
  final List<CallRecord> expected = new ArrayList<>();

  @BeforeEach
  void seed() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    store = new CallStore(database, Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC));
    queries = new CallQueries(database);
    for (int i = 0; i < 30; i++) {
      String id = new UUID(0x1000 + i, i).toString();
      // calls 10 and 11 start at the same instant: id breaks the tie
      Instant at = T0.plusSeconds(60L * (i == 11 ? 10 : i));
      CallDirection direction = i % 2 == 0 ? CallDirection.INBOUND : CallDirection.OUTBOUND;
      String agent = i % 3 == 0 ? "agent-a" : "agent-b";
      store.offered(id, at, new CallStart("sip-" + i, direction, "+1555000" + i, "+1666000", agent, "t", null));
      if (i % 4 >= 1) {
        store.answered(id, at.plusSeconds(2), "PCMU/8000", null);
      }
      if (i % 4 >= 2) {
        store.ended(id, at.plusSeconds(30), new CallEnd("caller_hangup", null, null, null, null, null));
      }
      expected.add(queries.find(id).orElseThrow());
    }
    expected.sort(Comparator.comparing(CallRecord::startedAt).thenComparing(CallRecord::id).reversed());
  }

  private List<String> expectedIds(Predicate<CallRecord> filter) {
    return expected.stream().filter(filter).map(CallRecord::id).toList();
  }

  private static CallFilter filter(CallDirection direction, CallStatus status, Instant from, Instant to,
      String agent, int limit, long offset) {
    return CallFilter.builder().direction(direction).status(status).startedFrom(from).startedTo(to).agentId(agent)
        .limit(limit).offset(offset).build();
  }

  private static List<String> ids(CallPage page) {
    return page.calls().stream().map(CallRecord::id).toList();
  }

  @Test
  void listsNewestFirstWithIdAsTieBreak() throws Exception {
    CallPage page = queries.list(CallFilter.all(100));
    assertThat(page.total()).isEqualTo(30);
    assertThat(ids(page)).isEqualTo(expectedIds(c -> true));
    int i10 = ids(page).indexOf(new UUID(0x1000 + 10, 10).toString());
    int i11 = ids(page).indexOf(new UUID(0x1000 + 11, 11).toString());
    assertThat(i11).as("same start: larger id first").isEqualTo(i10 - 1);
  }

  @Test
  void pagesThroughEverythingOnce() throws Exception {
    List<String> seen = new ArrayList<>();
    for (long offset = 0; ; offset += 7) {
      CallPage page = queries.list(filter(null, null, null, null, null, 7, offset));
      assertThat(page.total()).isEqualTo(30);
      if (page.calls().isEmpty()) {
        break;
      }
      seen.addAll(ids(page));
    }
    assertThat(seen).isEqualTo(expectedIds(c -> true));
  }

  @Test
  void filtersByEachCriterionAndTheirCombination() throws Exception {
    assertThat(ids(queries.list(filter(CallDirection.OUTBOUND, null, null, null, null, 100, 0))))
        .isEqualTo(expectedIds(c -> c.direction() == CallDirection.OUTBOUND));
    for (CallStatus status : CallStatus.values()) {
      List<String> want = expectedIds(c -> c.status() == status);
      assertThat(ids(queries.list(filter(null, status, null, null, null, 100, 0)))).isEqualTo(want);
    }
    assertThat(ids(queries.list(filter(null, null, null, null, "agent-a", 100, 0))))
        .isEqualTo(expectedIds(c -> "agent-a".equals(c.agentId())));

    Instant from = T0.plusSeconds(60 * 5);
    Instant to = T0.plusSeconds(60 * 12);
    CallPage range = queries.list(filter(null, null, from, to, null, 100, 0));
    assertThat(ids(range)).as("both bounds inclusive")
        .isEqualTo(expectedIds(c -> !c.startedAt().isBefore(from) && !c.startedAt().isAfter(to)));
    assertThat(range.total()).isEqualTo(8);

    CallPage combined = queries.list(
        filter(CallDirection.INBOUND, CallStatus.RINGING, from, null, "agent-a", 100, 0));
    assertThat(ids(combined)).isEqualTo(expectedIds(c -> c.direction() == CallDirection.INBOUND
        && c.status() == CallStatus.RINGING && !c.startedAt().isBefore(from) && "agent-a".equals(c.agentId())));
    assertThat(combined.total()).isEqualTo(combined.calls().size());
  }

  @Test
  void subMillisecondBoundsStayInclusiveAndExact() throws Exception {
    Instant exact = T0.plusSeconds(60 * 3);
    assertThat(ids(queries.list(filter(null, null, exact, exact, null, 100, 0))))
        .containsExactly(new UUID(0x1000 + 3, 3).toString());
    assertThat(queries.list(filter(null, null, exact.plusNanos(1), null, null, 100, 0)).calls())
        .extracting(CallRecord::startedAt).allMatch(at -> at.isAfter(exact));
    assertThat(queries.list(filter(null, null, null, exact.minusNanos(1), null, 100, 0)).calls())
        .extracting(CallRecord::startedAt).allMatch(at -> at.isBefore(exact));
  }

  @Test
  void anOffsetPastTheEndGivesAnEmptyPageWithTheTotal() throws Exception {
    CallPage page = queries.list(filter(null, null, null, null, null, 10, 1_000_000));
    assertThat(page.calls()).isEmpty();
    assertThat(page.total()).isEqualTo(30);
  }
}
