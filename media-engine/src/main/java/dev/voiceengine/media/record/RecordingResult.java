package dev.voiceengine.media.record;

/**
 * A finished recording.
 *
 * @param relativePath where it is, relative to the data directory; empty when no file was written
 * @param seconds      seconds of audio in it
 */
public record RecordingResult(String relativePath, double seconds) {
  public static final RecordingResult NONE = new RecordingResult("", 0);
}
