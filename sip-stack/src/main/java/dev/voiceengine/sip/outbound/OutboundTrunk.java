package dev.voiceengine.sip.outbound;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how calls leave through a trunk.
 *
 * @param id          the trunk's name in configuration and call records
 * @param host        the trunk's host name or address literal
 * @param port        its SIP port
 * @param transport   "udp" or "tcp"
 * @param username    digest user name for 401/407 challenges, or null when the trunk does not challenge
 * @param password    digest password, or null
 * @param ringTimeout how long an unanswered INVITE rings before we CANCEL it (outcome no_answer)
 */
public record OutboundTrunk(String id, String host, int port, String transport, String username, String password,
    Duration ringTimeout) {
  public OutboundTrunk {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    transport = transport == null ? "udp" : transport.toLowerCase(Locale.ROOT);
    ringTimeout = ringTimeout == null ? Duration.ofSeconds(30) : ringTimeout;
  }

  /** The trunk as a SIP URI host part: "host:port". */
  public String hostPort() {
    String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    return h + ":" + port;
  }
}
