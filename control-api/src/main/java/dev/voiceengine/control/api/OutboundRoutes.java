package dev.voiceengine.control.api;

import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;

/** Binds the routes that place and steer calls, beside the read-only ones. */
final class OutboundRoutes {
  private OutboundRoutes() {}

  /** Binds {@code /v1/calls} (GET: {@code list}, POST: place a call) and the other outbound routes. */
  static void bind(ServerBuilder sb, HttpService list, Outbound outbound) {
    OutboundService calls = new OutboundService(outbound);
    LiveCallService live = new LiveCallService(outbound);
    WritableResource.bind(sb, "/v1/calls", list, calls.create());
    WritableResource.bind(sb, "/v1/calls/batch", null, calls.createBatch());
    ReadOnlyResource.bind(sb, "/v1/calls/batch/{id}", calls.batch());
    for (String action : new String[] {"pause", "resume", "cancel"}) {
      WritableResource.bind(sb, "/v1/calls/batch/{id}/" + action, null, calls.batchAction(action));
    }
    WritableResource.bind(sb, "/v1/calls/{id}/end", null, live.end());
    WritableResource.bind(sb, "/v1/calls/{id}/control", null, live.control());
    ReadOnlyResource.bind(sb, "/v1/agents", live.agents());
    ReadOnlyResource.bind(sb, "/v1/agents/{id}", live.agent());
  }
}
