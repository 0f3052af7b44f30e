package dev.voiceengine.conversation.provider.grpc;

import dev.voiceengine.conversation.provider.Capability;
import dev.voiceengine.conversation.provider.ProviderException;
import io.grpc.Status;

/** Turns what gRPC reports into the engine's {@link ProviderException}, keeping the status code's name. */
final class ProviderErrors {
  private ProviderErrors() {}

  /** A failed call, as seen by the stub (usually a {@link io.grpc.StatusRuntimeException}). */
  static ProviderException fromThrowable(Capability capability, Throwable error) {
    Status status = Status.fromThrowable(error);
    String description = status.getDescription();
    if (description == null || description.isBlank()) {
      Throwable cause = status.getCause();
      description =
          cause != null && cause.getMessage() != null
              ? cause.getMessage()
              : "the provider ended the request without a description";
    }
    String code = status.getCode().name();
    return new ProviderException(
        capability, code, capability.key() + " provider failed (" + code + "): " + description, error);
  }

  /** A failure the engine itself decided on (a deadline, a full buffer, a malformed response). */
  static ProviderException of(Capability capability, Status.Code code, String message) {
    return new ProviderException(capability, code.name(), capability.key() + " provider: " + message, null);
  }
}
