package dev.voiceengine.control.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A batch as the API shows it: its settings and state, how many of its calls are in each status, and each
 * recipient's call.
 *
 * @param callsPerSecond  null when only the trunk's rate applies
 * @param counts          calls per status wire value, only statuses that occur
 */
public record BatchView(String id, String agentId, String fromNumber, Double callsPerSecond, String state, int total,
    Map<String, Integer> counts, List<Recipient> recipients, Instant createdAt, Instant completedAt) {

  /** One recipient: its index in the request, number and call. */
  public record Recipient(int index, String toNumber, String callId, String status) {}

  /** Batch states. */
  public static final String RUNNING = "running";
  public static final String PAUSED = "paused";
  public static final String CANCELED = "canceled";
  public static final String COMPLETED = "completed";
}
