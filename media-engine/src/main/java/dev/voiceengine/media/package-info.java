/**
 * The media engine: one RTP session per call, on Netty event loops, emitting {@code CallEvent}s.
 *
 * <p>Entry points: {@link dev.voiceengine.media.MediaEngine} (open sessions, shut down),
 * {@link dev.voiceengine.media.CallSession} (remote SDP, answer, end), {@link dev.voiceengine.media.CallEvents}
 * (event factories), {@link dev.voiceengine.media.WavFiles} (load prompts).
 *
 * <p>Per call, on one event loop and without locks:
 * <pre>
 * UDP datagram ─▶ RtpPacketDecoder ─▶ SymmetricRtpLatch ─▶ RtpReceiver ─┬▶ G.711 decode ─▶ JitterBuffer
 *                 (malformed: invalid)  (other source: invalid)           ├▶ telephone-event (RFC 4733): DTMF
 *                                                                         └▶ CN ignored, other PT: invalid
 * every 20 ms (FrameScheduler): JitterBuffer.pop ─▶ caller frame ─┬▶ CallRecorder (left) ─▶ recorder pool ─▶ WAV
 *                           AgentPlayout     ─▶ agent frame  ─┴▶ (right);  agent frame ─▶ encode ─▶ RTP out
 * </pre>
 *
 * <p>Reading {@code MediaStats} in CallEnded:
 * <ul>
 *   <li>{@code packets_in}/{@code bytes_in}: every datagram that reached the call's socket (UDP payload bytes),
 *       valid or not; {@code packets_invalid} is the part that could not be used: not RTP (or RTCP on the RTP
 *       port), from an address other than the latched one (including a source's first packets while it is learnt,
 *       see {@code SymmetricRtpLatch}), or of a payload type that was not negotiated.
 *   <li>{@code packets_out}/{@code bytes_out}: RTP sent, one packet per 20 ms while the remote is not on hold.
 *   <li>{@code packets_lost}: sequence numbers never received (RFC 3550 A.3); a packet that came after its
 *       playout time is {@code packets_late}, not lost. {@code packets_duplicate}: repeated sequence numbers.
 *   <li>{@code jitter_ms}: RFC 3550 §6.4.1 interarrival jitter at the end of the call; {@code max_jitter_ms}: its
 *       highest value during the call.
 *   <li>{@code dtmf_packets}: telephone-event packets (one key press is typically 5-10 packets).
 * </ul>
 */
package dev.voiceengine.media;
