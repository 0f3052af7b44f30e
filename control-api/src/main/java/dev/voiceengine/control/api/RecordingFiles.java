package dev.voiceengine.control.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a stored recording path on disk without ever leaving the data directory: the path must be relative, stay
 * inside the directory after normalization and after resolving symbolic links, name a regular file and end in
 * {@code .wav}. Anything else is "no recording", whatever the store says.
 */
final class RecordingFiles {
  private static final Logger log = LoggerFactory.getLogger(RecordingFiles.class);

  private final Path root;

  /** Files under this directory (it must exist). */
  RecordingFiles(Path dataDir) throws IOException {
    this.root = dataDir.toRealPath();
  }

  /** The real path of the recording, if it is a servable file inside the data directory. */
  Optional<Path> resolve(String callId, String relative) {
    Path candidate;
    try {
      Path path = Path.of(relative);
      if (path.isAbsolute()) {
        log.warn("Call {}: recording path {} is absolute; not serving it", callId, relative);
        return Optional.empty();
      }
      candidate = root.resolve(path).normalize();
    } catch (InvalidPathException e) {
      log.warn("Call {}: recording path is not a valid path; not serving it", callId);
      return Optional.empty();
    }
    if (!candidate.startsWith(root)) {
      log.warn("Call {}: recording path {} leaves the data directory; not serving it", callId, relative);
      return Optional.empty();
    }
    Path real;
    try {
      real = candidate.toRealPath();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!real.startsWith(root)) {
      log.warn("Call {}: recording {} links outside the data directory; not serving it", callId, relative);
      return Optional.empty();
    }
    if (!Files.isRegularFile(real) || !real.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav")) {
      log.warn("Call {}: recording {} is not a WAV file; not serving it", callId, relative);
      return Optional.empty();
    }
    return Optional.of(real);
  }
}
