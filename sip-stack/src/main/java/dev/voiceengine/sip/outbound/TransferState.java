package dev.voiceengine.sip.outbound;

import java.util.Locale;

/** How a blind transfer (REFER, RFC 3515) is going, in the words of the TransferProgress event. */
public enum TransferState {
  /** The REFER went out. */
  REQUESTED,
  /** 202 Accepted: the far end will try (RFC 3515 §2.4.2). */
  ACCEPTED,
  /** A NOTIFY's sipfrag said 100 (or another 1xx that is not ringing). */
  TRYING,
  /** The transfer target rings (180/183 sipfrag). */
  RINGING,
  /** The target answered (2xx sipfrag): our leg is ended with BYE. */
  SUCCEEDED,
  /** The REFER was refused, or the sipfrag reported a final failure, or the subscription ended without an answer. */
  FAILED;

  /** The event's lower-case name. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
