package dev.voiceengine.sip.jain;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dialogs of live calls, found by the call id ({@code InboundCall.ref}) or by Call-ID and From tag (a CANCEL
 * names the INVITE that way, RFC 3261 §9.2). Admission holds {@link #lock()} while it counts and adds, so the
 * concurrent-call limit holds.
 * Also the ended dialogs that still owe a BYE (hung up before the ACK of our 2xx), so that close() can send them.
 */
final class LiveDialogs {
  private final Object admission = new Object();
  private final Map<String, InboundDialog> byRef = new ConcurrentHashMap<>();
  private final Map<String, InboundDialog> byCallKey = new ConcurrentHashMap<>();
  private final Set<InboundDialog> owingBye = ConcurrentHashMap.newKeySet();

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

  /** An ended dialog whose BYE waits for the ACK of our 2xx (RFC 3261 §15). */
  void owesBye(InboundDialog d) {
    owingBye.add(d);
  }

  /** Its BYE went out, or is no longer needed. */
  void byeSettled(InboundDialog d) {
    owingBye.remove(d);
  }

  boolean noByeOwed() {
    return owingBye.isEmpty();
  }

  List<InboundDialog> owingBye() {
    return List.copyOf(owingBye);
  }

  /**
   * The key of Call-ID and From tag, ignoring case as the stack does when it finds a request's dialog: SourceGate
   * must judge every request the stack would put in a call's dialog by that call.
   */
  static String callKey(String callId, String fromTag) {
    return (callId + ";" + fromTag).toLowerCase(Locale.ROOT);
  }
}
