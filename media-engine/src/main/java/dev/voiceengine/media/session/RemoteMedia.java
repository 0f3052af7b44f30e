package dev.voiceengine.media.session;

import java.net.InetSocketAddress;

/**
 * Where and how to send audio to the remote, as negotiated by SDP, and whether to expect audio back. Symmetric RTP
 * (send to where packets come from) overrides the address once the remote's source is learnt.
 *
 * @param address                    where to send until the remote's source is learnt
 * @param payloadType                RTP payload type for audio
 * @param encoding                   "PCMU" or "PCMA"
 * @param telephoneEventPayloadType  RFC 4733 payload type, -1 when none
 * @param sendAudio                  false while the remote holds the call (sendonly/inactive, or 0.0.0.0)
 * @param remoteSends                false while the remote said it will not send (recvonly/inactive, or 0.0.0.0):
 *                                   its silence then is no reason to hang up
 */
public record RemoteMedia(
    InetSocketAddress address,
    int payloadType,
    String encoding,
    int telephoneEventPayloadType,
    boolean sendAudio,
    boolean remoteSends) {}
