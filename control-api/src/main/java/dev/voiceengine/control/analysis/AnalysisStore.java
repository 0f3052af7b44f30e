package dev.voiceengine.control.analysis;

import dev.voiceengine.control.store.CallDetails;
import dev.voiceengine.control.store.CallQueries;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.control.store.Timestamps;
import dev.voiceengine.proto.control.v1.CallAnalyzed;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where analysis reads and writes: the ended call with its transcript, and the result stored in its own short
 * transaction on its own connection (never the event writer's), with the listener called inside it.
 */
final class AnalysisStore {
  private final Database database;
  private final CallQueries queries;
  private final AnalysisListener listener;
  private final Clock clock;

  AnalysisStore(Database database, AnalysisListener listener, Clock clock) {
    this.database = database;
    this.queries = new CallQueries(database);
    this.listener = listener;
    this.clock = clock;
  }

  /** The call and its turns, when it is stored, has ended and has no analysis yet (a model is not asked twice). */
  Optional<AnalysisInput> ended(String callId) throws SQLException {
    Optional<CallDetails> details = queries.findDetails(callId);
    if (details.isEmpty() || details.get().call().status() == null || !details.get().call().status().isFinal()
        || details.get().call().analysis() != null) {
      return Optional.empty();
    }
    return Optional.of(new AnalysisInput(details.get().call(), details.get().transcript()));
  }

  /** Stores the result and tells the listener; false when the call had been analysed already. */
  boolean store(String callId, CallAnalysisResult result) throws SQLException {
    Instant now = Timestamps.clamp(clock.instant());
    boolean stored = database.transaction(connection -> {
      if (!AnalysisRows.write(connection, callId, result, now)) {
        return false;
      }
      listener.analyzed(connection, callId);
      return true;
    });
    if (stored) {
      listener.afterCommit(event(callId, result, now));
    }
    return stored;
  }

  /** Ids of ended calls without analysis, after {@code afterId}, in id order. */
  List<String> unanalyzed(String afterId, int limit) throws SQLException {
    return AnalysisRows.unanalyzed(database, afterId, limit);
  }

  static CallEvent event(String callId, CallAnalysisResult result, Instant at) {
    String fields = AnalysisRows.json(result);
    return CallEvent.newBuilder()
        .setCallId(callId)
        .setOccurredAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(at.getEpochSecond())
            .setNanos(at.getNano()))
        .setAnalyzed(CallAnalyzed.newBuilder()
            .setSummary(result.summary())
            .setSentiment(result.sentiment())
            .addAllTags(result.tags())
            .setCallSuccess(result.callSuccess())
            .setEndedReason(result.endedReason())
            .setFieldsJson(fields == null ? "{}" : fields)
            .setMethod(result.method()))
        .build();
  }
}
