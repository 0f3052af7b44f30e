package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every filter and every order of the call list against a seeded store of varied calls, compared with the same
 * selection done in Java; and keyset pages that stay exact while calls are added between them.
 */
class CallFilterQueriesTest {
  static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  static final long SEED = 20251205L;

  @TempDir Path dir;
  Database database;
  CallQueries queries;
  final List<CallRecord> all = new ArrayList<>();
  final Random random = new Random(SEED);

  @BeforeEach
  void seed() throws Exception {
    database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    queries = new CallQueries(database);
    for (int i = 0; i < 200; i++) {
      all.add(insert(randomCall(i)));
    }
  }

  CallRecord randomCall(int i) {
    Instant started = T0.plusSeconds(random.nextInt(5_000));
    boolean answered = random.nextBoolean();
    boolean ended = random.nextInt(4) > 0;
    Instant answeredAt = answered ? started.plusSeconds(2) : null;
    Instant endedAt = ended ? started.plusSeconds(3 + random.nextInt(300)) : null;
    Double duration = answered && ended ? (endedAt.toEpochMilli() - answeredAt.toEpochMilli()) / 1000.0 : null;
    CallStatus status = !ended ? (answered ? CallStatus.IN_PROGRESS : CallStatus.RINGING)
        : answered ? CallStatus.COMPLETED : CallStatus.FAILED;
    List<String> tagPool = List.of("billing", "refund", "sales", "vip");
    List<String> tags = tagPool.stream().filter(t -> random.nextInt(3) == 0).toList();
    String contact = random.nextInt(3) == 0 ? null : "c-" + random.nextInt(5);
    return CallRecord.builder(new UUID(random.nextLong(), i).toString())
        .direction(random.nextBoolean() ? CallDirection.INBOUND : CallDirection.OUTBOUND)
        .fromNumber("+1555" + random.nextInt(30)).toNumber("+1666" + random.nextInt(30))
        .agentId("agent-" + random.nextInt(3)).status(status)
        .outcome(ended ? List.of("caller_hangup", "voicemail", "no_answer").get(random.nextInt(3)) : null)
        .startedAt(started).answeredAt(answeredAt).endedAt(endedAt).durationSeconds(duration)
        .createdAt(started.plusMillis(random.nextInt(1000))).updatedAt(started)
        .request(random.nextBoolean() ? null : new CallRequest("b-" + random.nextInt(3), "camp-" + random.nextInt(2),
            null, null, null))
        .wentToVoicemail(random.nextInt(3) == 0 ? null : random.nextBoolean())
        .contact(contact == null ? null : new CallContact(contact, "Ann", "Lee", "ann@example.com"))
        .analysis(random.nextBoolean() ? null : new CallAnalysis("s",
            List.of("positive", "neutral", "negative").get(random.nextInt(3)), tags, true, "caller", null,
            "heuristic", endedAt))
        .build();
  }

  CallRecord insert(CallRecord call) throws Exception {
    try (Connection connection = database.connect()) {
      CallRows.insert(connection, call);
    }
    return queries.find(call.id()).orElseThrow();
  }

  static Comparator<CallRecord> order(CallOrder order, boolean ascending) {
    Comparator<CallRecord> byKey = (a, b) -> {
      Object x = order.keyOf(a);
      Object y = order.keyOf(b);
      return x instanceof Double d ? d.compareTo((Double) y) : ((String) x).compareTo((String) y);
    };
    Comparator<CallRecord> c = byKey.thenComparing(CallRecord::id);
    return ascending ? c : c.reversed();
  }

  List<String> expected(Predicate<CallRecord> p, CallOrder order, boolean ascending) {
    return all.stream().filter(p).sorted(order(order, ascending)).map(CallRecord::id).toList();
  }

  List<String> listed(CallFilter.Builder filter) throws Exception {
    CallPage page = queries.list(filter.limit(1000).build());
    assertThat(page.total()).isEqualTo(page.calls().size());
    return page.calls().stream().map(CallRecord::id).toList();
  }

  void check(String what, CallFilter.Builder filter, Predicate<CallRecord> p) throws Exception {
    List<String> want = expected(p, CallOrder.STARTED_AT, false);
    assertThat(want).as(what + " selects something in the seed").isNotEmpty();
    assertThat(listed(filter)).as(what).isEqualTo(want);
  }

  @Test
  void everyFilterSelectsWhatItSays() throws Exception {
    check("agent", CallFilter.builder().agentId("agent-1"), c -> "agent-1".equals(c.agentId()));
    check("direction", CallFilter.builder().direction(CallDirection.OUTBOUND),
        c -> c.direction() == CallDirection.OUTBOUND);
    check("status", CallFilter.builder().status(CallStatus.FAILED), c -> c.status() == CallStatus.FAILED);
    check("outcome", CallFilter.builder().outcome("voicemail"), c -> "voicemail".equals(c.outcome()));
    check("sentiment", CallFilter.builder().sentiment("negative"),
        c -> c.analysis() != null && "negative".equals(c.analysis().sentiment()));
    check("campaign", CallFilter.builder().campaignId("camp-1"),
        c -> c.request() != null && "camp-1".equals(c.request().campaignId()));
    check("batch", CallFilter.builder().batchId("b-2"),
        c -> c.request() != null && "b-2".equals(c.request().batchId()));
    check("contact", CallFilter.builder().contactId("c-3"),
        c -> c.contact() != null && "c-3".equals(c.contact().id()));
    check("voicemail", CallFilter.builder().wentToVoicemail(true), c -> Boolean.TRUE.equals(c.wentToVoicemail()));
    check("not voicemail", CallFilter.builder().wentToVoicemail(false),
        c -> !Boolean.TRUE.equals(c.wentToVoicemail()));
    check("phone", CallFilter.builder().phoneNumber("+15557"),
        c -> "+15557".equals(c.fromNumber()) || "+15557".equals(c.toNumber()));
    check("search", CallFilter.builder().search("6662"),
        c -> c.fromNumber().contains("6662") || c.toNumber().contains("6662"));
    check("tags", CallFilter.builder().tags(List.of("vip", "refund")),
        c -> c.analysis() != null && (c.analysis().tags().contains("vip") || c.analysis().tags().contains("refund")));
    Instant from = T0.plusSeconds(1_000);
    Instant to = T0.plusSeconds(3_000);
    check("started range", CallFilter.builder().startedFrom(from).startedTo(to),
        c -> !c.startedAt().isBefore(from) && !c.startedAt().isAfter(to));
    check("created range", CallFilter.builder().createdFrom(from).createdTo(to),
        c -> !c.createdAt().isBefore(from) && !c.createdAt().isAfter(to));
    check("combined", CallFilter.builder().agentId("agent-0").direction(CallDirection.INBOUND).startedFrom(from),
        c -> "agent-0".equals(c.agentId()) && c.direction() == CallDirection.INBOUND
            && !c.startedAt().isBefore(from));
    assertThat(listed(CallFilter.builder().search("%"))).as("LIKE wildcards are literal").isEmpty();
    assertThat(listed(CallFilter.builder().tags(List.of("bill")))).as("a tag is matched whole").isEmpty();
  }

  @Test
  void everyOrderBothWays() throws Exception {
    for (CallOrder order : CallOrder.values()) {
      for (boolean ascending : List.of(true, false)) {
        assertThat(listed(CallFilter.builder().orderBy(order).ascending(ascending))).as(order + " " + ascending)
            .isEqualTo(expected(c -> true, order, ascending));
      }
    }
  }

  @Test
  void keysetPagesCoverTheListExactlyInEveryOrder() throws Exception {
    for (CallOrder order : CallOrder.values()) {
      for (boolean ascending : List.of(true, false)) {
        CallFilter first = CallFilter.builder().orderBy(order).ascending(ascending).status(CallStatus.COMPLETED)
            .limit(7).build();
        List<String> seen = new ArrayList<>();
        CallPage page = queries.list(first);
        seen.addAll(page.calls().stream().map(CallRecord::id).toList());
        for (int guard = 0; page.hasMore() && guard < 100; guard++) {
          page = queries.list(first.toBuilder().after(page.next()).build());
          seen.addAll(page.calls().stream().map(CallRecord::id).toList());
        }
        assertThat(page.hasMore()).isFalse();
        assertThat(seen).as(order + " " + ascending)
            .isEqualTo(expected(c -> c.status() == CallStatus.COMPLETED, order, ascending));
      }
    }
  }

  @Test
  void cursorPagesStayStableWhileCallsAreAdded() throws Exception {
    List<String> before = expected(c -> true, CallOrder.STARTED_AT, false);
    CallFilter first = CallFilter.builder().limit(9).build();
    CallPage page = queries.list(first);
    List<String> seen = new ArrayList<>(page.calls().stream().map(CallRecord::id).toList());
    int added = 0;
    for (int guard = 0; page.hasMore() && guard < 100; guard++) {
      // newer calls (before the cursor in this order) and older ones (after it) arrive between pages
      all.add(insert(randomCall(1_000 + added++).toBuilder().startedAt(T0.plusSeconds(9_000 + guard)).build()));
      CallRecord old = randomCall(1_000 + added++);
      all.add(insert(old.toBuilder().startedAt(T0.minusSeconds(1 + guard)).build()));
      page = queries.list(first.toBuilder().after(page.next()).build());
      seen.addAll(page.calls().stream().map(CallRecord::id).toList());
    }
    Set<String> unique = new HashSet<>(seen);
    assertThat(unique).as("no call twice").hasSize(seen.size());
    assertThat(seen).as("every call there at the start, in order").containsSubsequence(before);
    List<String> newer = all.stream().filter(c -> c.startedAt().isAfter(T0.plusSeconds(8_999)))
        .map(CallRecord::id).toList();
    assertThat(seen).as("calls newer than the first page are not pulled into later pages")
        .doesNotContainAnyElementsOf(newer);
    assertThat(seen).isEqualTo(expected(c -> !newer.contains(c.id()), CallOrder.STARTED_AT, false));
  }
}
