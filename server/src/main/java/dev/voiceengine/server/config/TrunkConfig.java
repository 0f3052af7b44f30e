package dev.voiceengine.server.config;

import java.util.List;
import java.util.Map;

/** A SIP trunk: who may send us calls and which dialled number reaches which agent. */
public record TrunkConfig(String id, Inbound inbound) {
  public TrunkConfig {
    inbound = inbound == null ? new Inbound(null, null) : inbound;
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
}
