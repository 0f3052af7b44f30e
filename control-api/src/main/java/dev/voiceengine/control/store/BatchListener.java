package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Told when a batch's last call has ended and the batch is marked completed, inside that store transaction, so what
 * it writes (e.g. a webhook outbox row) commits or rolls back with the completion.
 */
@FunctionalInterface
public interface BatchListener {
  /** Does nothing. */
  BatchListener NONE = (connection, batchId, batchJson) -> { };

  /**
   * @param connection  the transaction's connection: write with it, do not commit or close it
   * @param batchJson   the batch as {@code GET /v1/calls/batch/{id}} shows it
   */
  void batchCompleted(Connection connection, String batchId, String batchJson) throws SQLException;
}
