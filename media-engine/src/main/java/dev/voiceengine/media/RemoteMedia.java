package dev.voiceengine.media;

import java.net.InetSocketAddress;

/**
 * Where and how to send audio to the remote, as negotiated by SDP. Symmetric RTP (send to where packets come from)
 * overrides the address once the first packet arrives.
 *
 * @param address                    where to send until the first packet is received
 * @param payloadType                RTP payload type for audio
 * @param encoding                   "PCMU" or "PCMA"
 * @param telephoneEventPayloadType  RFC 4733 payload type, -1 when none
 * @param sendAudio                  false while the remote holds the call (sendonly/inactive, or 0.0.0.0)
 */
public record RemoteMedia(
    InetSocketAddress address,
    int payloadType,
    String encoding,
    int telephoneEventPayloadType,
    boolean sendAudio) {}
