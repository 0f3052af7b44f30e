package dev.voiceengine.control.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallTurn;

/**
 * The JSON a delivery carries in {@code data}: a call exactly as the calls API shows it, so a receiver parses one
 * shape. Implemented by the API's JSON writer (which this package does not depend on: the API depends on this one).
 */
public interface WebhookPayloads {
  /** The call as {@code GET /v1/calls/{id}} shows it (without the conversation). */
  ObjectNode call(CallRecord call);

  /** One turn as the call's transcript shows it. */
  ObjectNode turn(CallTurn turn);
}
