package dev.voiceengine.server.wiring;

import dev.voiceengine.media.CallContext;
import dev.voiceengine.proto.control.v1.CallEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * A call's context with the values a placed call brought (customer_name…) among its details, so that they reach the
 * language model beside from_number and to_number. The call's own details win on a clash.
 */
final class ContextWithValues implements CallContext {
  private final CallContext call;
  private final Map<String, String> details;

  ContextWithValues(CallContext call, Map<String, String> values) {
    this.call = call;
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(call.details());
    this.details = Map.copyOf(merged);
  }

  @Override
  public String callId() {
    return call.callId();
  }

  @Override
  public Executor loop() {
    return call.loop();
  }

  @Override
  public LongSupplier clock() {
    return call.clock();
  }

  @Override
  public void emit(CallEvent event) {
    call.emit(event);
  }

  @Override
  public void hangup(String outcome) {
    call.hangup(outcome);
  }

  @Override
  public Map<String, String> details() {
    return details;
  }

  @Override
  public int inputDelayMs() {
    return call.inputDelayMs();
  }
}
