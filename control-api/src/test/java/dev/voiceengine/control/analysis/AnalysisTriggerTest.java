package dev.voiceengine.control.analysis;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.callerTurn;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.events.EventApplier;
import dev.voiceengine.control.events.StoreEventApplier;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisTriggerTest {
  static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

  @TempDir Path dir;
  Database database;
  Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  StoreEventApplier store;
  final BlockingQueue<String> analyzedInTransaction = new LinkedBlockingQueue<>();
  final BlockingQueue<CallEvent> published = new LinkedBlockingQueue<>();
  final List<AnalysisTrigger> triggers = new ArrayList<>();

  /** Records what the row held inside the storing transaction, and the event after the commit. */
  final AnalysisListener listener = new AnalysisListener() {
    @Override
    public void analyzed(Connection connection, String callId) throws SQLException {
      analyzedInTransaction.add(callId + "=" + column(connection, callId, "analysis_method"));
    }

    @Override
    public void afterCommit(CallEvent analyzed) {
      published.add(analyzed);
    }
  };

  @BeforeEach
  void setUp() {
    database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    store = new StoreEventApplier(new CallStore(database, clock), clock);
  }

  @AfterEach
  void tearDown() {
    triggers.forEach(AnalysisTrigger::close);
  }

  private AnalysisTrigger trigger(CallAnalyzer analyzer, int page) {
    AnalysisTrigger trigger = new AnalysisTrigger(new AnalysisStore(database, listener, clock), analyzer,
        AnalysisSettings.DEFAULTS, page);
    triggers.add(trigger);
    return trigger;
  }

  private static String id(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  private static List<CallEvent> call(String id, String outcome) {
    return List.of(offered(id, T0), answered(id, T0.plusSeconds(1), ""),
        agentTurn(id, T0.plusSeconds(3), 0, "Hello, how can I help?", 0, 2_000, false, "Hello, how can I help?"),
        callerTurn(id, T0.plusSeconds(6), 1, "I want to cancel my appointment, thanks", 3_000, 5_000, 300, 100,
            200, 150, 800),
        agentTurn(id, T0.plusSeconds(9), 2, "Your appointment is cancelled.", 6_000, 8_000, false, ""),
        ended(id, T0.plusSeconds(10), outcome, 0, "", 0));
  }

  private static String column(Connection connection, String id, String column) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT " + column + " FROM calls WHERE id = ?")) {
      s.setString(1, id);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : "(no call)";
      }
    }
  }

  private Map<String, String> analysisColumns(String id) throws SQLException {
    Map<String, String> row = new LinkedHashMap<>();
    database.read(c -> {
      for (String column : List.of("summary", "sentiment", "tags", "call_success", "ended_reason",
          "analysis_json", "analysis_method", "analyzed_at")) {
        row.put(column, column(c, id, column));
      }
      return null;
    });
    return row;
  }

  private String take(BlockingQueue<String> queue) throws InterruptedException {
    String value = queue.poll(10, TimeUnit.SECONDS);
    assertThat(value).as("an analysis was stored").isNotNull();
    return value;
  }

  @Test
  void aCallEndedThroughTheStoreIsAnalysedAndAnnounced() throws Exception {
    AnalysisTrigger trigger = trigger(new HeuristicAnalyzer(), AnalysisTrigger.PAGE);
    EventApplier applier = trigger.watch(store);
    String id = id(1);

    applier.applyAll(call(id, "caller_hangup"));

    assertThat(take(analyzedInTransaction)).isEqualTo(id + "=heuristic"); // the row was written in that transaction
    CallEvent event = published.poll(10, TimeUnit.SECONDS); // after the commit
    assertThat(event).isNotNull();
    Map<String, String> row = analysisColumns(id);
    assertThat(row).containsEntry("sentiment", "positive").containsEntry("tags", ",appointment,cancel,")
        .containsEntry("call_success", "1").containsEntry("ended_reason", "caller_hangup")
        .containsEntry("analysis_json", null).containsEntry("analysis_method", "heuristic")
        .containsEntry("analyzed_at", "2025-03-01T12:00:00.000Z");
    assertThat(row.get("summary")).contains("I want to cancel my appointment", "Your appointment is cancelled.");
    assertThat(event.getCallId()).isEqualTo(id);
    assertThat(event.getAnalyzed().getTagsList()).containsExactly("appointment", "cancel");
    assertThat(event.getAnalyzed().getMethod()).isEqualTo("heuristic");
    assertThat(event.getAnalyzed().getFieldsJson()).isEqualTo("{}");
    trigger.close(); // waits for the job to finish counting
    assertThat(trigger.analyzed()).isEqualTo(1);
  }

  @Test
  void theStartUpScanAnalysesEndedCallsLeftWithoutAnalysisPageByPage() throws Exception {
    for (int n = 1; n <= 5; n++) {
      store.applyAll(call(id(n), "agent_hangup")); // stored by a run without analysis
    }
    store.applyAll(List.of(offered(id(6), T0), answered(id(6), T0.plusSeconds(1), ""))); // still live
    AnalysisTrigger trigger = trigger(new HeuristicAnalyzer(), 2);

    trigger.start();

    List<String> analyzed = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      analyzed.add(take(analyzedInTransaction));
    }
    Collections.sort(analyzed);
    assertThat(analyzed).containsExactly(id(1) + "=heuristic", id(2) + "=heuristic", id(3) + "=heuristic",
        id(4) + "=heuristic", id(5) + "=heuristic");
    trigger.close(); // waits for the analyses under way to commit
    assertThat(analysisColumns(id(3))).containsEntry("ended_reason", "agent_hangup");
    assertThat(analysisColumns(id(6))).containsEntry("analyzed_at", null);
    assertThat(analyzedInTransaction).isEmpty();
  }

  @Test
  void aCallScheduledAgainAfterItsAnalysisIsStoredOnce() throws Exception {
    AnalysisTrigger trigger = trigger(new HeuristicAnalyzer(), AnalysisTrigger.PAGE);
    trigger.watch(store).applyAll(call(id(1), "caller_hangup"));
    take(analyzedInTransaction);
    trigger.close();
    store.applyAll(call(id(2), "caller_hangup")); // ended while no trigger ran

    List<String> asked = Collections.synchronizedList(new ArrayList<>());
    HeuristicAnalyzer rules = new HeuristicAnalyzer();
    AnalysisTrigger restarted = trigger((input, agent) -> {
      asked.add(input.call().id());
      return rules.analyze(input, agent);
    }, AnalysisTrigger.PAGE); // one thread: calls are analysed in the order queued
    assertThat(restarted.schedule(id(1))).isTrue(); // an ended event replayed from disk, say
    assertThat(restarted.schedule(id(2))).isTrue();

    assertThat(take(analyzedInTransaction)).isEqualTo(id(2) + "=heuristic");
    restarted.close();
    assertThat(asked).containsExactly(id(2)); // call 1 had its analysis: nobody was asked again
    assertThat(restarted.analyzed()).isEqualTo(1);
    try (Connection connection = database.connect()) { // and the store would not overwrite one either
      CallAnalysisResult other = rules.analyze(Transcripts.conversation("Hi."), AgentAnalysis.DEFAULT);
      assertThat(AnalysisRows.write(connection, id(1), other, NOW)).isFalse();
    }
  }

  @Test
  void analysisNeverHoldsUpTheStorageOfEvents() throws Exception {
    CountDownLatch analysing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    HeuristicAnalyzer rules = new HeuristicAnalyzer();
    AnalysisTrigger trigger = trigger((input, agent) -> {
      analysing.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return rules.analyze(input, agent);
    }, AnalysisTrigger.PAGE);
    EventApplier applier = trigger.watch(store);

    applier.applyAll(call(id(1), "caller_hangup"));
    assertThat(analysing.await(10, TimeUnit.SECONDS)).isTrue();
    // the analysis of call 1 is stuck; the next call's events are stored all the same
    applier.applyAll(call(id(2), "caller_hangup").subList(0, 5));
    applier.apply(call(id(2), "caller_hangup").get(5));
    assertThat(analysisColumns(id(2)).get("analyzed_at")).isNull();
    String status = database.read(c -> column(c, id(2), "status"));
    assertThat(status).isEqualTo("completed");
    assertThat(analysisColumns(id(1)).get("analyzed_at")).isNull();

    release.countDown();
    List<String> analyzed = new ArrayList<>(List.of(take(analyzedInTransaction), take(analyzedInTransaction)));
    Collections.sort(analyzed);
    assertThat(analyzed).containsExactly(id(1) + "=heuristic", id(2) + "=heuristic");
  }
}
