package dev.voiceengine.sip.outbound;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A transfer target as the API takes it, as the Refer-To URI (RFC 3515 §2.1): an E.164 number goes to the trunk
 * ({@code sip:+15551234567@trunk-host}), a sip: or sips: URI is used as given.
 */
public final class TransferTarget {
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern SIP_URI = Pattern.compile("sips?:[^\\s<>\"]{1,500}", Pattern.CASE_INSENSITIVE);

  private TransferTarget() {}

  /** Whether {@code target} is an E.164 number or a SIP URI. */
  public static boolean valid(String target) {
    return target != null && (E164.matcher(target).matches() || SIP_URI.matcher(target).matches());
  }

  /** The Refer-To URI, or empty when the target is neither form. {@code trunkHostPort} is used for numbers. */
  public static Optional<String> uri(String target, String trunkHostPort) {
    if (target == null) {
      return Optional.empty();
    }
    if (E164.matcher(target).matches()) {
      return Optional.of("sip:" + target + "@" + trunkHostPort);
    }
    return SIP_URI.matcher(target).matches() ? Optional.of(target) : Optional.empty();
  }
}
