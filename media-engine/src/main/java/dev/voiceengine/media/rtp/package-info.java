/**
 * RTP (RFC 3550) packets and the Netty handlers of a call's receive pipeline, in the style of Netty's codec-dns:
 * small types with one job each ({@link dev.voiceengine.media.rtp.RtpPacketParser},
 * {@link dev.voiceengine.media.rtp.RtpPacketWriter}, {@link dev.voiceengine.media.rtp.RtpPacketizer},
 * {@link dev.voiceengine.media.rtp.RtpPacketDecoder}, {@link dev.voiceengine.media.rtp.SymmetricRtpLatch}).
 */
package dev.voiceengine.media.rtp;
