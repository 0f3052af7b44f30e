package dev.voiceengine.server.health;

import dev.voiceengine.control.health.PartHealth;
import dev.voiceengine.control.health.ReadinessCheck;
import dev.voiceengine.sip.jain.SipServer;

/** "sip": the SIP stack runs and listens on every configured transport. */
public final class SipReadiness implements ReadinessCheck {
  private final SipServer sip;

  public SipReadiness(SipServer sip) {
    this.sip = sip;
  }

  @Override
  public String name() {
    return "sip";
  }

  @Override
  public PartHealth check() {
    return sip.listening() ? PartHealth.ok() : PartHealth.down("not listening");
  }
}
