/**
 * The receive-side playout buffer: packets placed by RTP timestamp, played out as 20 ms frames, with loss,
 * reorder, duplicates, lateness, wrap-around and discontinuities handled and counted.
 */
package dev.voiceengine.media.jitter;
