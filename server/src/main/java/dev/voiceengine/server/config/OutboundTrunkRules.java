package dev.voiceengine.server.config;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/** Checks a trunk's {@code outbound:} block, naming each bad field (e.g. {@code trunks[0].outbound.caller_ids[1]}). */
final class OutboundTrunkRules {
  static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");

  private OutboundTrunkRules() {}

  /** @param problem takes the field's key and what is wrong with it */
  static void check(String key, TrunkConfig.Outbound o, BiConsumer<String, String> problem) {
    if (o == null) {
      return;
    }
    String k = key + ".outbound";
    if (o.host() == null || o.host().isBlank()) {
      problem.accept(k + ".host", "expected the trunk's host name or address");
    } else if (!HOST.matcher(o.host()).matches()) {
      problem.accept(k + ".host", "expected a host name or IP address, got \"" + o.host() + "\"");
    }
    if (o.port() < 1 || o.port() > 65535) {
      problem.accept(k + ".port", "expected 1 to 65535, got " + o.port());
    }
    if (!o.transport().equals("udp") && !o.transport().equals("tcp")) {
      problem.accept(k + ".transport", "expected udp or tcp, got \"" + o.transport() + "\"");
    }
    if ((o.username() == null) != (o.password() == null)) {
      problem.accept(k + (o.username() == null ? ".username" : ".password"),
          "expected username and password together");
    }
    List<String> ids = o.callerIds();
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null || !E164.matcher(ids.get(i)).matches()) {
        problem.accept(k + ".caller_ids[" + i + "]", "expected an E.164 number like +15551234567, got \""
            + ids.get(i) + "\"");
      }
    }
    if (o.maxConcurrent() < 1) {
      problem.accept(k + ".max_concurrent", "expected at least 1, got " + o.maxConcurrent());
    }
    if (o.callsPerSecond() < 1 || o.callsPerSecond() > 1000) {
      problem.accept(k + ".calls_per_second", "expected 1 to 1000, got " + o.callsPerSecond());
    }
    if (o.ringTimeoutSeconds() < 1 || o.ringTimeoutSeconds() > 600) {
      problem.accept(k + ".ring_timeout_seconds", "expected 1 to 600, got " + o.ringTimeoutSeconds());
    }
  }
}
