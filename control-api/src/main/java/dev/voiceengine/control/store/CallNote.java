package dev.voiceengine.control.store;

import java.time.Instant;

/** An operator's note on a call: who wrote it, what, and when (stored, never edited). */
public record CallNote(String id, String callId, String author, String text, Instant createdAt) {}
