/** Call recording as stereo WAV (caller left, agent right), written off the event loops; WAV reading. */
package dev.voiceengine.media.record;
