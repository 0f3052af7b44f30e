package dev.voiceengine.conversation;

/**
 * What the agent does when a provider fails mid-call: apologise and let the caller try again, or say goodbye and
 * hang up. After {@code maxConsecutiveFailures} failures in a row it hangs up whatever the action.
 *
 * @param hangUp                 hang up at the first failure (else apologise)
 * @param apology                said after a failure when the call goes on
 * @param goodbye                said before hanging up because of failures
 * @param maxConsecutiveFailures failures in a row after which the call is ended politely
 */
public record FailurePolicy(boolean hangUp, String apology, String goodbye, int maxConsecutiveFailures) {
  public static final FailurePolicy DEFAULTS = new FailurePolicy(false,
      "Sorry, I didn't catch that. Could you say it again?",
      "Sorry, we are having technical trouble. Please call again later. Goodbye.", 3);

  public FailurePolicy {
    if (apology == null || apology.isBlank()) {
      throw new IllegalArgumentException("apology must not be empty");
    }
    if (goodbye == null || goodbye.isBlank()) {
      throw new IllegalArgumentException("goodbye must not be empty");
    }
    if (maxConsecutiveFailures < 1 || maxConsecutiveFailures > 10) {
      throw new IllegalArgumentException("max_consecutive_failures must be 1..10");
    }
  }
}
