package dev.voiceengine.control.commands;

/** A command the engine could not carry out, with why in terms the API maps to a status. */
public final class CommandException extends Exception {
  /** Why: NOT_FOUND → 404, WRONG_STATE → 409, INVALID → 400. */
  public enum Reason { NOT_FOUND, WRONG_STATE, INVALID }

  private final Reason reason;

  public CommandException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
