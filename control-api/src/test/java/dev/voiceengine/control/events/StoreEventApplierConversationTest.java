package dev.voiceengine.control.events;

import static dev.voiceengine.control.TestEvents.T0;
import static dev.voiceengine.control.TestEvents.agentTurn;
import static dev.voiceengine.control.TestEvents.answered;
import static dev.voiceengine.control.TestEvents.callerTurn;
import static dev.voiceengine.control.TestEvents.ended;
import static dev.voiceengine.control.TestEvents.offered;
import static dev.voiceengine.control.TestEvents.providerFailed;
import static dev.voiceengine.control.TestEvents.withUsage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.store.CallDetails;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.CallStatus;
import dev.voiceengine.control.store.CallStore;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.store.CallUsage;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.ProviderError;
import dev.voiceengine.control.store.TurnLatencies;
import dev.voiceengine.control.store.TurnRole;
import dev.voiceengine.control.store.UsedProvider;
import dev.voiceengine.proto.control.v1.CallEvent;
import dev.voiceengine.proto.control.v1.ProviderUsage;
import dev.voiceengine.proto.control.v1.ProviderUse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Turns, provider failures and provider usage from events into the store. */
class StoreEventApplierConversationTest {
  static final String ID = "6f1c7c2e-2f0b-4a8e-9d5b-0c1d2e3f4a5b";
  static final Instant ANSWER = T0.plusSeconds(2);
  static final Instant STORE_TIME = Instant.parse("2025-03-01T11:00:00Z");

  @TempDir Path dir;
  StoreEventApplier applier;
  CallQueries queries;

  @BeforeEach
  void setUp() {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    Clock clock = Clock.fixed(STORE_TIME, ZoneOffset.UTC);
    applier = new StoreEventApplier(new CallStore(database, clock), clock);
    queries = new CallQueries(database);
  }

  private CallDetails details() throws Exception {
    return queries.findDetails(ID).orElseThrow();
  }

  private List<CallEvent> conversation() {
    return List.of(
        agentTurn(ID, ANSWER.plusMillis(2_900), 0, "Thanks for calling, how can I help?", 400, 2_900, false,
            "Thanks for calling, how can I help?"),
        callerTurn(ID, ANSWER.plusMillis(6_100), 1, "I'd like to book a table for Friday", 3_500, 5_600,
            500, 120, 310, 140, 1_070),
        agentTurn(ID, ANSWER.plusMillis(7_900), 2, "Sure, for how", 6_670, 7_900, true,
            "Sure, for how many people?"),
        callerTurn(ID, ANSWER.plusMillis(9_200), 3, "four", 7_800, 8_300, 450, 90, 0, 0, 0));
  }

  @Test
  void turnsAreStoredInOrderWithTheirFields() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, ANSWER, ""));
    for (CallEvent turn : conversation()) {
      applier.apply(turn);
    }
    List<CallTurn> turns = details().transcript();
    assertThat(turns).extracting(CallTurn::index).containsExactly(0, 1, 2, 3);
    assertThat(turns).extracting(CallTurn::role)
        .containsExactly(TurnRole.AGENT, TurnRole.CALLER, TurnRole.AGENT, TurnRole.CALLER);
    assertThat(turns.get(0)).isEqualTo(new CallTurn(0, TurnRole.AGENT, "Thanks for calling, how can I help?", 400,
        2_900, false, null, "Thanks for calling, how can I help?"));
    assertThat(turns.get(1)).isEqualTo(new CallTurn(1, TurnRole.CALLER, "I'd like to book a table for Friday",
        3_500, 5_600, false, new TurnLatencies(500L, 120L, 310L, 140L, 1_070L), null));
    assertThat(turns.get(2).interrupted()).isTrue();
    assertThat(turns.get(2).text()).isEqualTo("Sure, for how");
    assertThat(turns.get(2).intendedText()).isEqualTo("Sure, for how many people?");
    assertThat(turns.get(3).latencies()).as("stages that did not happen are null")
        .isEqualTo(new TurnLatencies(450L, 90L, null, null, null));
    assertThat(details().call().status()).isEqualTo(CallStatus.IN_PROGRESS);
  }

  @Test
  void turnsArrivingOutOfOrderAreReadInIndexOrder() throws Exception {
    applier.apply(offered(ID, T0));
    List<CallEvent> events = conversation();
    for (int i : new int[] {3, 1, 0, 2}) {
      applier.apply(events.get(i));
    }
    assertThat(details().transcript()).extracting(CallTurn::index).containsExactly(0, 1, 2, 3);
  }

  @Test
  void replayingEveryEventChangesNothing() throws Exception {
    List<CallEvent> all = new java.util.ArrayList<>();
    all.add(offered(ID, T0));
    all.add(answered(ID, ANSWER, ""));
    all.addAll(conversation());
    all.add(providerFailed(ID, ANSWER.plusSeconds(8), "llm", "grpc://10.0.0.5:7000", "DEADLINE_EXCEEDED",
        "no first token within 2000 ms", 8_000, "apologized"));
    all.add(withUsage(ended(ID, ANSWER.plusSeconds(12), "caller_hangup", 0, "", 0)));
    for (CallEvent event : all) {
      applier.apply(event);
    }
    CallDetails once = details();
    for (CallEvent event : all) {
      applier.apply(event);
    }
    assertThat(details()).isEqualTo(once);
    assertThat(once.transcript()).hasSize(4);
    assertThat(once.providerErrors()).hasSize(1);
    assertThat(once.usage()).isNotNull();
  }

  @Test
  void aReplayedTurnKeepsTheFirstCopy() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(agentTurn(ID, ANSWER.plusSeconds(1), 0, "Hello", 0, 900, false, "Hello"));
    applier.apply(agentTurn(ID, ANSWER.plusSeconds(1), 0, "Something else", 0, 900, false, "Something else"));
    assertThat(details().transcript()).extracting(CallTurn::text).containsExactly("Hello");
  }

  @Test
  void providerFailuresAreStoredInTheOrderTheyHappened() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, ANSWER, ""));
    applier.apply(providerFailed(ID, ANSWER.plusSeconds(9), "tts", "embedded:freetts", "INTERNAL", "voice gone",
        9_000, "hung_up"));
    applier.apply(providerFailed(ID, ANSWER.plusSeconds(4), "llm", "grpc://10.0.0.5:7000", "UNAVAILABLE",
        "connection refused", 4_000, "apologized"));
    applier.apply(providerFailed(ID, ANSWER.plusSeconds(4), "llm", "grpc://10.0.0.5:7000", "UNAVAILABLE",
        "connection refused", 4_000, "apologized"));
    assertThat(details().providerErrors()).containsExactly(
        new ProviderError("llm", "grpc://10.0.0.5:7000", "UNAVAILABLE", "connection refused", 4_000, "apologized"),
        new ProviderError("tts", "embedded:freetts", "INTERNAL", "voice gone", 9_000, "hung_up"));
  }

  @Test
  void usageFromTheEndIsStoredPerCapability() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, ANSWER, ""));
    applier.apply(withUsage(ended(ID, ANSWER.plusSeconds(42), "caller_hangup", 0, "", 0)));
    assertThat(details().usage()).isEqualTo(new CallUsage(
        new UsedProvider("embedded:sphinx4", "en-us", 41.5, 0, 0, 0, 3),
        new UsedProvider("grpc://127.0.0.1:7001", "script", 0.0, 812, 95, 0, 2),
        new UsedProvider("embedded:freetts", "kevin16", 0.0, 0, 0, 310, 2)));
  }

  @Test
  void anEndWithoutUsageOrWithAnEmptyCapabilityStoresNoneForIt() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(ended(ID, T0.plusSeconds(1), "rejected", 486, "", 0));
    assertThat(details().usage()).isNull();

    String other = "6f1c7c2e-2f0b-4a8e-9d5b-0c1d2e3f4a5c";
    CallEvent.Builder end = ended(other, T0.plusSeconds(9), "caller_hangup", 0, "", 0).toBuilder();
    end.getEndedBuilder().setProviderUsage(ProviderUsage.newBuilder()
        .setStt(ProviderUse.newBuilder().setProvider("embedded:sphinx4").setAudioSeconds(3.0).setRequests(1))
        .setLlm(ProviderUse.getDefaultInstance()));
    applier.apply(end.build());
    CallUsage usage = queries.findDetails(other).orElseThrow().usage();
    assertThat(usage.stt().audioSeconds()).isEqualTo(3.0);
    assertThat(usage.llm()).isNull();
    assertThat(usage.tts()).isNull();
  }

  @Test
  void aTurnForAnUnknownCallCreatesAnInProgressCallAnsweredWhenTheTurnSays() throws Exception {
    applier.apply(agentTurn(ID, ANSWER.plusMillis(2_900), 0, "Hello", 400, 2_900, false, "Hello"));
    CallDetails d = details();
    assertThat(d.call().status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(d.call().answeredAt()).isEqualTo(ANSWER);
    assertThat(d.call().startedAt()).isEqualTo(ANSWER);
    assertThat(d.call().createdAt()).isEqualTo(STORE_TIME);
    assertThat(d.transcript()).extracting(CallTurn::text).containsExactly("Hello");

    applier.apply(offered(ID, T0));
    applier.apply(ended(ID, ANSWER.plusSeconds(10), "caller_hangup", 0, "", 0));
    CallDetails later = details();
    assertThat(later.call().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(later.call().startedAt()).as("the late offer fills in the start").isEqualTo(T0);
    assertThat(later.call().durationSeconds()).isEqualTo(10.0);
    assertThat(later.call().agentId()).isEqualTo("demo");
  }

  @Test
  void aProviderFailureForAnUnknownCallCreatesTheCallToo() throws Exception {
    applier.apply(providerFailed(ID, ANSWER.plusSeconds(5), "stt", "grpc://10.0.0.6:7000", "UNAVAILABLE", "down",
        5_000, "hung_up"));
    CallDetails d = details();
    assertThat(d.call().status()).isEqualTo(CallStatus.IN_PROGRESS);
    assertThat(d.call().answeredAt()).isEqualTo(ANSWER);
    assertThat(d.providerErrors()).extracting(ProviderError::code).containsExactly("UNAVAILABLE");
  }

  @Test
  void aTurnAfterTheEndIsKeptAndTheCallStaysCompleted() throws Exception {
    applier.apply(offered(ID, T0));
    applier.apply(answered(ID, ANSWER, ""));
    applier.apply(ended(ID, ANSWER.plusSeconds(3), "caller_hangup", 0, "", 0));
    applier.apply(agentTurn(ID, ANSWER.plusSeconds(3), 0, "Goodbye", 1_000, 2_900, false, "Goodbye"));
    assertThat(details().call().status()).isEqualTo(CallStatus.COMPLETED);
    assertThat(details().call().updatedAt()).isEqualTo(STORE_TIME);
    assertThat(details().transcript()).hasSize(1);
  }

  @Test
  void emptyAndOverlongValuesAreStoredUsably() throws Exception {
    applier.apply(offered(ID, T0));
    String longProvider = "grpc://" + "x".repeat(400);
    applier.apply(providerFailed(ID, ANSWER, "", longProvider, "", "", 0, ""));
    applier.apply(providerFailed(ID, ANSWER, "", longProvider, "", "", 0, ""));
    ProviderError error = details().providerErrors().get(0);
    assertThat(details().providerErrors()).hasSize(1);
    assertThat(error.capability()).isNull();
    assertThat(error.code()).isNull();
    assertThat(error.message()).isNull();
    assertThat(error.action()).isNull();
    assertThat(error.provider()).hasSize(ConversationValues.PROVIDER_WIDTH).startsWith("grpc://x");

    applier.apply(CallEvent.newBuilder().setCallId(ID).setOccurredAt(dev.voiceengine.control.TestEvents.ts(ANSWER))
        .setTurn(dev.voiceengine.proto.control.v1.TurnCompleted.newBuilder().setIndex(0)).build());
    CallTurn turn = details().transcript().get(0);
    assertThat(turn.role()).isNull();
    assertThat(turn.text()).isEmpty();
    assertThat(turn.latencies()).isNull();
    assertThat(turn.intendedText()).isNull();
  }
}
