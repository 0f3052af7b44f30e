package dev.voiceengine.media.record;

/**
 * A finished (or given-up-on) recording and what went wrong with it, so that the call record says so rather than a
 * recording silently being short or missing.
 *
 * @param relativePath   where it is, relative to the data directory; empty when no file could be written
 * @param seconds        seconds of audio in the file (silence put in place of lost audio included)
 * @param droppedSeconds seconds of the call's audio that are not in the file as audio: dropped while the disk fell
 *                       behind, lost to failed writes (both replaced by silence at their offset), or never written
 * @param error          what went wrong, human-readable and without server paths; empty when nothing did
 */
public record RecordingResult(String relativePath, double seconds, double droppedSeconds, String error) {
  public static final RecordingResult NONE = new RecordingResult("", 0, 0, "");

  public RecordingResult(String relativePath, double seconds) {
    this(relativePath, seconds, 0, "");
  }

  /** No file at all (it could not be created): no path is claimed. */
  public static RecordingResult noFile(String error, double droppedSeconds) {
    return new RecordingResult("", 0, droppedSeconds, error);
  }
}
