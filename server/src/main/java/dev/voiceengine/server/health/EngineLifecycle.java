package dev.voiceengine.server.health;

import dev.voiceengine.control.health.PartHealth;
import dev.voiceengine.control.health.ReadinessCheck;
import java.util.Locale;

/**
 * "engine": down while the engine is still starting (the HTTP server answers before SIP listens) and from the moment
 * it starts stopping, so a load balancer sends no calls to an engine that is not all there.
 */
public final class EngineLifecycle implements ReadinessCheck {
  private enum State { STARTING, RUNNING, STOPPING }

  private volatile State state = State.STARTING;

  /** Every part has started. */
  public void running() {
    state = State.RUNNING;
  }

  /** Shutdown has begun. */
  public void stopping() {
    state = State.STOPPING;
  }

  @Override
  public String name() {
    return "engine";
  }

  @Override
  public PartHealth check() {
    State s = state;
    return s == State.RUNNING ? PartHealth.ok() : PartHealth.down(s.name().toLowerCase(Locale.ROOT));
  }
}
