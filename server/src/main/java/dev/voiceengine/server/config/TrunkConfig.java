package dev.voiceengine.server.config;

import java.util.List;
import java.util.Map;

/**
 * A SIP trunk: who may send us calls and which dialled number reaches which agent; and, when {@code outbound} is set,
 * where calls we place through it go.
 */
public record TrunkConfig(String id, Inbound inbound, Outbound outbound, String org) {
  public TrunkConfig {
    inbound = inbound == null ? new Inbound(null, null) : inbound;
  }

  /** A trunk of the default organization. */
  public TrunkConfig(String id, Inbound inbound, Outbound outbound) {
    this(id, inbound, outbound, null);
  }

  /**
   * The organization (default {@value AgentConfig#DEFAULT_ORG}): every agent its numbers reach must be of the same
   * organization, so an inbound call belongs to the trunk's organization and its agent's alike.
   */
  public String organization() {
    return org == null || org.isBlank() ? AgentConfig.DEFAULT_ORG : org;
  }

  public TrunkConfig(String id, Inbound inbound) {
    this(id, inbound, null);
  }

  /** The default trunk: loopback callers, every number to the demo agent. */
  public static TrunkConfig loopback() {
    return new TrunkConfig("local", new Inbound(null, null));
  }

  /**
   * @param allow    source networks (CIDR); default 127.0.0.0/8 and ::1/128
   * @param numbers  dialled number to agent id, "*" catching every other; default everything to the demo agent
   */
  public record Inbound(List<String> allow, Map<String, String> numbers) {
    public Inbound {
      allow = allow == null ? List.of("127.0.0.0/8", "::1/128") : List.copyOf(allow);
      numbers = numbers == null ? Map.of("*", EngineConfig.DEFAULT_AGENT) : Map.copyOf(numbers);
    }
  }

  /**
   * Placing calls through the trunk.
   *
   * @param host               the trunk's SIP host (name or address)
   * @param port               its SIP port; default 5060
   * @param transport          udp or tcp; default udp
   * @param username           digest user for 401/407 challenges (optional; ${ENV} expands)
   * @param password           digest password (optional; ${ENV} expands)
   * @param callerIds          E.164 numbers we may call from; the first is the default
   * @param maxConcurrent      calls placed through it at once; default 10
   * @param callsPerSecond     new calls per second; default 1
   * @param ringTimeoutSeconds how long a call rings before we give up (CANCEL, no_answer); default 30
   */
  public record Outbound(String host, Integer port, String transport, String username, String password,
      List<String> callerIds, Integer maxConcurrent, Integer callsPerSecond, Integer ringTimeoutSeconds) {
    public Outbound {
      port = port == null ? 5060 : port;
      transport = transport == null ? "udp" : transport;
      callerIds = callerIds == null ? List.of() : List.copyOf(callerIds);
      maxConcurrent = maxConcurrent == null ? 10 : maxConcurrent;
      callsPerSecond = callsPerSecond == null ? 1 : callsPerSecond;
      ringTimeoutSeconds = ringTimeoutSeconds == null ? 30 : ringTimeoutSeconds;
    }

    /** The caller id used when a dial names none: the first configured, or null. */
    public String defaultCallerId() {
      return callerIds.isEmpty() ? null : callerIds.get(0);
    }
  }
}
