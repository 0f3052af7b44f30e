package dev.voiceengine.sip;

import java.time.Duration;
import java.util.List;

/**
 * How the SIP side listens and whom it accepts.
 *
 * @param bindAddress  address to listen on, e.g. "127.0.0.1" or "0.0.0.0"
 * @param port         UDP and TCP port; 0 picks a free one (the same number for both transports)
 * @param transports   "udp" and/or "tcp"
 * @param maxCalls     concurrent calls; the next INVITE gets 503 with Retry-After
 * @param retryAfter   what 503 tells the trunk to wait
 * @param answerDelay  ring time before the 200 OK (180 Ringing is sent meanwhile); zero answers at once
 * @param trunks       the trunks calls may come from; checked in order, the first whose allow-list holds the source wins
 * @param userAgent    the User-Agent / Server header value
 */
public record SipSettings(
    String bindAddress,
    int port,
    List<String> transports,
    int maxCalls,
    Duration retryAfter,
    Duration answerDelay,
    List<TrunkSettings> trunks,
    String userAgent) {
  public SipSettings {
    transports = List.copyOf(transports);
    trunks = List.copyOf(trunks);
  }
}
