package dev.voiceengine.sip.outbound;

import java.util.Optional;

/**
 * The status line of a message/sipfrag body (RFC 3420) as a REFER's NOTIFY carries it (RFC 3515 §2.4.5): how the
 * transferred call is doing. Only the first line counts; headers after it are ignored. Anything that is not
 * "SIP/2.0 NNN reason" (100-699) yields nothing rather than a guess.
 *
 * @param status the status code
 * @param reason the reason phrase, possibly empty, control characters removed, at most 200 characters
 */
public record SipFrag(int status, String reason) {
  private static final int MAX_BODY = 64 * 1024;
  private static final int MAX_REASON = 200;

  /** The body's status line, if it has a well-formed one. */
  public static Optional<SipFrag> parse(String body) {
    if (body == null || body.length() > MAX_BODY) {
      return Optional.empty();
    }
    String text = body.stripLeading();
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).strip();
    if (!line.regionMatches(true, 0, "SIP/2.0 ", 0, 8) || line.length() < 11) {
      return Optional.empty();
    }
    String code = line.substring(8, 11);
    if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    if (line.length() > 11 && line.charAt(11) != ' ') {
      return Optional.empty();
    }
    int status = Integer.parseInt(code);
    if (status < 100 || status > 699) {
      return Optional.empty();
    }
    String reason = line.length() > 12 ? line.substring(12) : "";
    StringBuilder clean = new StringBuilder();
    reason.codePoints().filter(c -> c >= 0x20 && c != 0x7f).limit(MAX_REASON).forEach(clean::appendCodePoint);
    return Optional.of(new SipFrag(status, clean.toString().strip()));
  }

  /** The transfer state this line reports: trying, ringing, succeeded or failed. */
  public TransferState state() {
    if (status == 180 || status == 183) {
      return TransferState.RINGING;
    }
    if (status < 200) {
      return TransferState.TRYING;
    }
    return status < 300 ? TransferState.SUCCEEDED : TransferState.FAILED;
  }
}
