package dev.voiceengine.media;

/**
 * What a media session may ask of signalling. The media engine knows nothing of SIP; the server implements this by
 * sending BYE, and later reports the end back with {@link CallSession#end}.
 */
@FunctionalInterface
public interface CallControl {
  /** End the call from our side, e.g. after the no-media timeout. {@code outcome} is recorded on the call. */
  void hangup(String outcome);
}
