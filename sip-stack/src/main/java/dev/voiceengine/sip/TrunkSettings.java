package dev.voiceengine.sip;

import java.util.List;
import java.util.Map;

/**
 * A SIP trunk we accept calls from: which source addresses belong to it and which dialled number reaches which agent.
 *
 * @param id       the trunk's name in configuration and call records
 * @param allow    source networks in CIDR notation ("127.0.0.0/8", "2001:db8::/32"); a request from elsewhere gets
 *                 403, and a call's in-dialog requests are taken only from its own trunk's networks
 * @param numbers  dialled number (the Request-URI user part) to agent id; the key "*" catches every other number
 */
public record TrunkSettings(String id, List<String> allow, Map<String, String> numbers) {
  public TrunkSettings {
    allow = List.copyOf(allow);
    numbers = Map.copyOf(numbers);
  }
}
