package dev.voiceengine.server.health;

import dev.voiceengine.control.health.PartHealth;
import dev.voiceengine.control.health.ReadinessCheck;
import dev.voiceengine.media.MediaEngine;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * "media": every RTP event loop runs a no-op task within a second. A loop that does not is stuck or gone, and the
 * calls on it get no 20 ms frames.
 */
public final class MediaReadiness implements ReadinessCheck {
  static final Duration LOOP_WAIT = Duration.ofSeconds(1);

  private final MediaEngine media;

  public MediaReadiness(MediaEngine media) {
    this.media = media;
  }

  @Override
  public String name() {
    return "media";
  }

  @Override
  public PartHealth check() throws InterruptedException {
    try {
      media.pingLoops().get(LOOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      return PartHealth.ok();
    } catch (TimeoutException e) {
      return PartHealth.down("event loops not responding");
    } catch (ExecutionException e) {
      return PartHealth.down("stopped");
    }
  }
}
