package dev.voiceengine.server.config;

import java.util.List;

/**
 * SIP listening and admission.
 *
 * @param port           UDP and TCP port (0 picks a free one); default 5060
 * @param transports     any of udp, tcp; default both
 * @param maxCalls       concurrent calls before new INVITEs get 503; default 1000
 * @param retryAfterS    Retry-After seconds on 503; default 5
 * @param answerDelayMs  ring time before answering (180 Ringing meanwhile); default 0
 */
public record SipConfig(
    Integer port, List<String> transports, Integer maxCalls, Integer retryAfterS, Integer answerDelayMs) {
  public SipConfig {
    port = port == null ? 5060 : port;
    transports = transports == null ? List.of("udp", "tcp") : List.copyOf(transports);
    maxCalls = maxCalls == null ? 1000 : maxCalls;
    retryAfterS = retryAfterS == null ? 5 : retryAfterS;
    answerDelayMs = answerDelayMs == null ? 0 : answerDelayMs;
  }

  public SipConfig withPort(int value) {
    return new SipConfig(value, transports, maxCalls, retryAfterS, answerDelayMs);
  }
}
