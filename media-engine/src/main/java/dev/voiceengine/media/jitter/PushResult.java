package dev.voiceengine.media.jitter;

/** What {@link JitterBuffer#push} did with a packet. */
public enum PushResult {
  /** Stored for playout (in order, reordered, or a sequence restart). */
  ACCEPTED,
  /** Stored after re-anchoring the playout position: a new stream, a timestamp jump or a run of late packets. */
  RESYNCED,
  /** Dropped: its playout time had passed. */
  LATE,
  /** Dropped: its sequence number was already received. */
  DUPLICATE
}
