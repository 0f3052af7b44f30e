package dev.voiceengine.media.session;

import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The engine's beats: one {@link FrameScheduler} per event loop, made when a loop's first call asks for it. */
public final class FrameSchedulers {
  private final Map<EventExecutor, FrameScheduler> byLoop = new ConcurrentHashMap<>();

  /** The beat of {@code loop}; use it only on that loop. */
  public FrameScheduler on(EventExecutor loop) {
    return byLoop.computeIfAbsent(loop, FrameScheduler::new);
  }
}
