package dev.voiceengine.sip.outbound;

/**
 * Progress of one transfer. Called on SIP stack threads; must not block. After {@link TransferState#SUCCEEDED} the
 * SIP side ends our leg with BYE (the call's end callback follows); after {@link TransferState#FAILED} the call goes
 * on as it was.
 */
public interface TransferListener {
  /**
   * @param sipStatus the REFER's response status or the sipfrag's status, 0 when none
   * @param reason    its reason phrase, or what went wrong
   */
  void onProgress(String ref, String target, TransferState state, int sipStatus, String reason);
}
