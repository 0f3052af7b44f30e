package dev.voiceengine.server.config;

/**
 * RTP media.
 *
 * @param ports             the port range "A-B"; default 20000-29999
 * @param noMediaTimeoutS   no RTP from the caller for this long ends the call; default 30
 * @param jitterMs          the most the jitter buffer delays caller audio (it adapts from 20 ms up); default 60
 * @param advertiseAddress  the address put in SDP; default the bind address (set it when binding 0.0.0.0 or behind NAT)
 */
public record RtpConfig(String ports, Integer noMediaTimeoutS, Integer jitterMs, String advertiseAddress) {
  public RtpConfig {
    ports = ports == null ? "20000-29999" : ports;
    noMediaTimeoutS = noMediaTimeoutS == null ? 30 : noMediaTimeoutS;
    jitterMs = jitterMs == null ? 60 : jitterMs;
  }

  public RtpConfig withPorts(String value) {
    return new RtpConfig(value, noMediaTimeoutS, jitterMs, advertiseAddress);
  }
}
