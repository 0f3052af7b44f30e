/**
 * SDP offer/answer (RFC 4566, RFC 3264) for one audio stream, free of the SIP stack: {@link
 * dev.voiceengine.sip.sdp.SdpParser} reads, {@link dev.voiceengine.sip.sdp.SdpNegotiator} decides, {@link
 * dev.voiceengine.sip.sdp.LocalSdp} writes ours with a versioned o= line.
 */
package dev.voiceengine.sip.sdp;
