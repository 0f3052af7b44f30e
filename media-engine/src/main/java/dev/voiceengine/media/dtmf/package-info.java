/** RFC 4733 telephone-events: key presses carried in RTP, never played as audio. */
package dev.voiceengine.media.dtmf;
