package dev.voiceengine.sip.sdp;

import dev.voiceengine.sip.MediaDescription;

/**
 * The outcome of offer/answer for one audio stream.
 *
 * @param mediaIndex                 which m= line of the remote SDP carries the audio
 * @param codec                      the chosen codec
 * @param payloadType                its payload type (the remote's number for it)
 * @param telephoneEventPayloadType  the telephone-event payload type, or -1
 * @param remote                     the remote's media, as the rest of the engine needs it
 * @param localDirection             the direction we put in our SDP for this stream
 */
public record Negotiation(
    int mediaIndex,
    Codec codec,
    int payloadType,
    int telephoneEventPayloadType,
    MediaDescription remote,
    String localDirection) {}
