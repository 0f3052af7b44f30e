/**
 * Call recording as stereo WAV (caller left, agent right), written off the event loops within one engine-wide
 * memory budget, kept on the call's timeline when audio is dropped or writes fail; WAV reading.
 */
package dev.voiceengine.media.record;
