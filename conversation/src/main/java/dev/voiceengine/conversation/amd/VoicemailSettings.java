package dev.voiceengine.conversation.amd;

import java.util.Objects;

/**
 * What an agent does about answering machines: whether it screens answered calls at all (off by default: an inbound
 * caller is always a person), and on a machine whether it leaves {@code message} after the beep or hangs up.
 *
 * @param detect          screen the answering side before speaking
 * @param action          what to do on a machine
 * @param message         what to say after the beep ({@link Action#LEAVE_MESSAGE})
 * @param maxWaitForBeepMs after a machine verdict, speak (or hang up) this long later at the latest, beep or not
 * @param amd             the detector's thresholds
 */
public record VoicemailSettings(boolean detect, Action action, String message, int maxWaitForBeepMs,
    AmdSettings amd) {
  /** On a machine. */
  public enum Action { LEAVE_MESSAGE, HANG_UP }

  public static final int DEFAULT_MAX_WAIT_FOR_BEEP_MS = 20_000;
  public static final VoicemailSettings OFF =
      new VoicemailSettings(false, Action.HANG_UP, "", DEFAULT_MAX_WAIT_FOR_BEEP_MS, AmdSettings.DEFAULTS);

  public VoicemailSettings {
    action = action == null ? Action.HANG_UP : action;
    message = message == null ? "" : message;
    amd = Objects.requireNonNullElse(amd, AmdSettings.DEFAULTS);
    if (maxWaitForBeepMs <= 0) {
      throw new IllegalArgumentException("maxWaitForBeepMs must be positive");
    }
    if (action == Action.LEAVE_MESSAGE && message.isBlank()) {
      throw new IllegalArgumentException("leaving a voicemail needs a message");
    }
  }
}
