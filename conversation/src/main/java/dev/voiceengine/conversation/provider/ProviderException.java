package dev.voiceengine.conversation.provider;

/**
 * A provider failed: down, past its deadline, or erroring. {@code code} is the gRPC status code name
 * ("UNAVAILABLE", "DEADLINE_EXCEEDED", …) so that embedded and remote providers are reported alike.
 */
public final class ProviderException extends Exception {
  private static final long serialVersionUID = 1L;

  private final Capability capability;
  private final String code;

  public ProviderException(Capability capability, String code, String message, Throwable cause) {
    super(message, cause);
    this.capability = capability;
    this.code = code;
  }

  public Capability capability() {
    return capability;
  }

  /** The gRPC status code name. */
  public String code() {
    return code;
  }

  /** Whether trying again may help (the provider was down, slow or overloaded rather than refusing the request). */
  public boolean retryable() {
    return switch (code) {
      case "UNAVAILABLE", "DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED", "ABORTED", "INTERNAL", "UNKNOWN" -> true;
      default -> false;
    };
  }
}
