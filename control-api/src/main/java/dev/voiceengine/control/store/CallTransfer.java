package dev.voiceengine.control.store;

/**
 * A blind transfer (SIP REFER, RFC 3515) of the call: where to, how far it got (requested, accepted, trying,
 * ringing, succeeded, failed) and the last SIP status the far end reported (sipfrag, RFC 3515 §2.4.5).
 */
public record CallTransfer(String target, String state, Integer sipStatus) {}
