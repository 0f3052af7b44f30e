/**
 * Per-call media internals: the call's pipeline and 20 ms tick ({@link dev.voiceengine.media.session.CallMedia} on
 * its loop's {@link dev.voiceengine.media.session.FrameScheduler}, one beat per event loop), what the agent plays,
 * the no-media watchdog, and RTP port allocation. Everything here except the port allocator runs on the call's event loop.
 */
package dev.voiceengine.media.session;
