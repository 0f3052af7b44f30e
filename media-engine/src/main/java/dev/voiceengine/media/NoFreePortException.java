package dev.voiceengine.media;

import java.io.IOException;

/** Every RTP port of the configured range is in use (or cannot be bound): the call cannot get media. */
public final class NoFreePortException extends IOException {
  private static final long serialVersionUID = 1L;

  public NoFreePortException(String message) {
    super(message);
  }
}
