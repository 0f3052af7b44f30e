package dev.voiceengine.control.grpc;

import dev.voiceengine.control.commands.CallCommand;
import dev.voiceengine.control.commands.CommandException;
import dev.voiceengine.proto.control.v1.ControlCallRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Commands between the gRPC messages and the engine's port: the request's oneof, and the refusal's status. */
final class CommandStatus {
  private CommandStatus() {}

  /** The status for a refused command: NOT_FOUND, FAILED_PRECONDITION (not now) or INVALID_ARGUMENT. */
  static StatusRuntimeException of(CommandException e) {
    Status status = switch (e.reason()) {
      case NOT_FOUND -> Status.NOT_FOUND;
      case WRONG_STATE -> Status.FAILED_PRECONDITION;
      case INVALID -> Status.INVALID_ARGUMENT;
    };
    return status.withDescription(e.getMessage()).asRuntimeException();
  }

  /** The command the request carries; INVALID_ARGUMENT when it carries none. */
  static CallCommand command(ControlCallRequest r) {
    return switch (r.getCommandCase()) {
      case HANGUP -> new CallCommand.Hangup();
      case SAY -> new CallCommand.Say(r.getSay().getText());
      case SEND_DTMF -> new CallCommand.SendDtmf(r.getSendDtmf().getDigits());
      case MUTE -> new CallCommand.Mute();
      case UNMUTE -> new CallCommand.Unmute();
      case TRANSFER -> new CallCommand.Transfer(r.getTransfer().getTarget());
      case COMMAND_NOT_SET -> throw Status.INVALID_ARGUMENT
          .withDescription("command: one of hangup, say, send_dtmf, mute, unmute, transfer is required")
          .asRuntimeException();
    };
  }
}
