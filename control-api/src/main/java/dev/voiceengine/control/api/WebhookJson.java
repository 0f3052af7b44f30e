package dev.voiceengine.control.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voiceengine.control.store.CallRecord;
import dev.voiceengine.control.store.CallTurn;
import dev.voiceengine.control.webhooks.WebhookPayloads;

/** Webhook payloads in the API's own JSON: a receiver sees a call exactly as {@code GET /v1/calls/{id}} shows it. */
public final class WebhookJson implements WebhookPayloads {
  @Override
  public ObjectNode call(CallRecord call) {
    return CallJson.call(call);
  }

  @Override
  public ObjectNode turn(CallTurn turn) {
    return ConversationJson.turn(turn);
  }
}
