package dev.voiceengine.control.analysis;

import dev.voiceengine.proto.control.v1.CallEvent;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told when a call's analysis is stored, so others can follow it with {@code call.analyzed}: {@link #analyzed} runs
 * inside the transaction that stores the result (a webhook outbox row written there commits with it, or neither
 * does), {@link #afterCommit} once it is durable (for live event streams). Called once per call, always after the
 * call's end was committed.
 */
public interface AnalysisListener {
  /** Inside the storing transaction; throwing rolls the analysis back (it is retried at the next start). */
  void analyzed(Connection connection, String callId) throws SQLException;

  /** After the commit, with the {@code CallAnalyzed} event of the call. Must not block. */
  default void afterCommit(CallEvent analyzed) {}

  /** Nobody listens. */
  AnalysisListener NONE = (connection, callId) -> {};
}
