package dev.voiceengine.bench.dialer;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of one measured run, from the engine's call records and the INVITEs sipp logged: setups per second over
 * the steady window (the 10th to the 90th percentile of answer times, so the ramp and the tail are left out), the
 * same for the engine placing calls and for INVITEs reaching sipp, the busiest second of answers, setup and
 * queue-to-answer times, and whether any number was dialled twice.
 */
record DialFigures(String label, int recipients, int records, int completed, Map<String, Integer> statuses,
    int distinctNumbersInRecords, int invitesAtSipp, int distinctNumbersAtSipp, int numbersDialledTwice,
    double setupsPerSecond, double dialsPerSecond, double invitesPerSecond, double overallPerSecond, int busiestSecond,
    long setupP50, long setupP99, long queuedToAnsweredP50, long queuedToAnsweredP99, double spanSeconds) {

  /** One new call sipp logged: the number dialled and sipp's clock (ms since it started) when the INVITE came. */
  record Invite(String number, long tickMs) {}

  /**
   * From the batch's records, the times the engine logged placing each call ({@code placed}, by call id) and sipp's
   * INVITE log lines (one per new call) for the batch's numbers.
   */
  static DialFigures of(String label, List<String> numbers, List<JsonNode> calls, Map<String, Instant> placed,
      List<Invite> invites) {
    Map<String, Integer> statuses = new HashMap<>();
    Set<String> recordNumbers = new HashSet<>();
    List<Instant> answered = new ArrayList<>();
    List<Instant> started = new ArrayList<>();
    List<Long> setup = new ArrayList<>();
    List<Long> queued = new ArrayList<>();
    for (JsonNode c : calls) {
      statuses.merge(c.get("status").asText(), 1, Integer::sum);
      recordNumbers.add(c.get("to_number").asText());
      Instant created = instant(c, "created_at");
      Instant start = placed.get(c.get("id").asText());
      Instant answer = instant(c, "answered_at");
      if (start != null) {
        started.add(start);
      }
      if (answer != null) {
        answered.add(answer);
        if (start != null) {
          setup.add(Duration.between(start, answer).toMillis());
        }
        if (created != null) {
          queued.add(Duration.between(created, answer).toMillis());
        }
      }
    }
    Set<String> wanted = new HashSet<>(numbers);
    Map<String, Integer> seen = new HashMap<>();
    List<Instant> ticks = new ArrayList<>();
    for (Invite n : invites) {
      if (wanted.contains(n.number())) {
        seen.merge(n.number(), 1, Integer::sum);
        ticks.add(Instant.ofEpochMilli(n.tickMs()));
      }
    }
    ticks.sort(null);
    int count = seen.values().stream().mapToInt(Integer::intValue).sum();
    int twice = (int) seen.values().stream().filter(v -> v > 1).count();
    answered.sort(null);
    started.sort(null);
    double overall = answered.size() < 2 ? 0
        : (answered.size() - 1) / seconds(answered.get(0), answered.get(answered.size() - 1));
    return new DialFigures(label, numbers.size(), calls.size(), statuses.getOrDefault("completed", 0), statuses,
        recordNumbers.size(), count, seen.size(), twice, steadyRate(answered), steadyRate(started), steadyRate(ticks),
        overall,
        busiest(answered), pct(setup, 50), pct(setup, 99), pct(queued, 50), pct(queued, 99),
        answered.size() < 2 ? 0 : seconds(answered.get(0), answered.get(answered.size() - 1)));
  }

  private static Instant instant(JsonNode c, String field) {
    JsonNode v = c.get(field);
    return v == null || v.isNull() ? null : Instant.parse(v.asText());
  }

  private static double seconds(Instant a, Instant b) {
    return Duration.between(a, b).toNanos() / 1e9;
  }

  /** Events per second between the 10th and the 90th percentile event (sorted). */
  static double steadyRate(List<Instant> sorted) {
    if (sorted.size() < 10) {
      return 0;
    }
    int lo = sorted.size() / 10;
    int hi = sorted.size() - 1 - sorted.size() / 10;
    double s = seconds(sorted.get(lo), sorted.get(hi));
    return s <= 0 ? 0 : (hi - lo) / s;
  }

  /** The most events in one whole second, counted from the first event. */
  static int busiest(List<Instant> sorted) {
    Map<Long, Integer> perSecond = new HashMap<>();
    if (sorted.isEmpty()) {
      return 0;
    }
    for (Instant t : sorted) {
      perSecond.merge(Duration.between(sorted.get(0), t).toSeconds(), 1, Integer::sum);
    }
    return perSecond.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  static long pct(List<Long> values, int p) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> s = new ArrayList<>(values);
    s.sort(null);
    return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
  }

  /** Whether the run holds issue 11's expectation: ≥ 50 setups/s, every recipient dialled exactly once. */
  boolean meetsTarget() {
    return setupsPerSecond >= 50 && noneTwice();
  }

  boolean noneTwice() {
    return numbersDialledTwice == 0 && invitesAtSipp == recipients && distinctNumbersAtSipp == recipients
        && records == recipients && distinctNumbersInRecords == recipients;
  }

  static String header() {
    return "| run | calls (records / completed) | INVITEs at sipp (distinct numbers) | dialled twice"
        + " | setups/s steady | dials/s steady | INVITEs/s at sipp steady | setups/s overall | busiest second"
        + " | placed→answered p50 / p99 ms | queued→answered p50 / p99 ms | answers span s |"
        + "\n|---|---|---|---|---:|---:|---:|---:|---:|---|---|---:|";
  }

  String row() {
    return "| %s | %d (%d / %d) | %d (%d) | %d | **%.1f** | %.1f | %.1f | %.1f | %d | %d / %d | %d / %d | %.1f |"
        .formatted(label, recipients, records, completed, invitesAtSipp, distinctNumbersAtSipp, numbersDialledTwice,
            setupsPerSecond, dialsPerSecond, invitesPerSecond, overallPerSecond, busiestSecond, setupP50, setupP99,
            queuedToAnsweredP50, queuedToAnsweredP99, spanSeconds);
  }
}
