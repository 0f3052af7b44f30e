/**
 * DTMF: RFC 4733 telephone-events received (key presses counted once, never played as audio) and sent on the call's
 * RTP stream, and DTMF tones found in the caller's audio.
 */
package dev.voiceengine.media.dtmf;
