package dev.voiceengine.media.session;

import dev.voiceengine.media.metrics.MediaMetrics;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The engine's beats: one {@link FrameScheduler} per event loop, made when a loop's first call asks for it. */
public final class FrameSchedulers {
  private final Map<EventExecutor, FrameScheduler> byLoop = new ConcurrentHashMap<>();
  private final MediaMetrics metrics;

  public FrameSchedulers(MediaMetrics metrics) {
    this.metrics = metrics;
  }

  /** The beat of {@code loop}; use it only on that loop. */
  public FrameScheduler on(EventExecutor loop) {
    return byLoop.computeIfAbsent(loop, l -> new FrameScheduler(l, metrics));
  }
}
