package dev.voiceengine.sip.jain;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialogs of live calls, found by our call reference or by Call-ID and From tag (a CANCEL names the INVITE that
 * way, RFC 3261 §9.2). Admission holds {@link #lock()} while it counts and adds, so the concurrent-call limit holds.
 */
final class LiveDialogs {
  private final Object admission = new Object();
  private final Map<String, InboundDialog> byRef = new ConcurrentHashMap<>();
  private final Map<String, InboundDialog> byCallKey = new ConcurrentHashMap<>();

  /** Held while a new INVITE is counted against the limit and added. */
  Object lock() {
    return admission;
  }

  void add(InboundDialog d) {
    byRef.put(d.ref(), d);
    byCallKey.put(d.callKey, d);
  }

  void remove(InboundDialog d) {
    byRef.remove(d.ref(), d);
    byCallKey.remove(d.callKey, d);
  }

  InboundDialog byRef(String ref) {
    return ref == null ? null : byRef.get(ref);
  }

  InboundDialog byCallKey(String callId, String fromTag) {
    return byCallKey.get(callKey(callId, fromTag));
  }

  int size() {
    return byRef.size();
  }

  List<InboundDialog> snapshot() {
    return List.copyOf(byRef.values());
  }

  static String callKey(String callId, String fromTag) {
    return callId + ";" + fromTag;
  }
}
