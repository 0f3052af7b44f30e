package dev.voiceengine.sip;

/**
 * What the SIP side tells the rest of the engine. Called on SIP stack threads: implementations must not block for
 * long, and every method must tolerate being called for a ref it has already forgotten.
 */
public interface SipCallListener {

  /**
   * A new call passed the trunk, capacity, routing and codec checks. Prepare media and say where the remote should
   * send RTP.
   *
   * @return the local RTP address and port to put in our SDP
   * @throws CallRejectedException to refuse the call with that SIP status (e.g. 503)
   */
  LocalMedia onInvite(InboundCall call) throws CallRejectedException;

  /**
   * An INVITE was refused before {@link #onInvite} (404 no route, 488 no codec, 503 over capacity, 400 bad SDP), for
   * a source that belongs to a trunk. Not called for 403 (unknown sources are not recorded).
   *
   * @param call   what was known of the call; agentId may be null, offer may be null
   */
  void onRejected(InboundCall call, int status, String reason);

  /** The remote's media is known or changed: the initial offer, the answer in an ACK, a re-INVITE (hold, move). */
  void onMedia(String ref, MediaDescription media);

  /** The ACK for our 200 OK arrived: the call is up. */
  void onConfirmed(String ref);

  /** The dialog is over. Called once per ref. */
  void onEnded(String ref, CallEnd end);

  /** Where we receive RTP. */
  record LocalMedia(String address, int port) {}
}
