package dev.voiceengine.media.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file side of one call's recording, run only on the call's {@link SerialExecutor}: keeps the file on the call's
 * timeline whatever the disk does. Audio that was dropped before reaching it, or whose write failed, is owed as
 * silence and written before the next audio that makes it, so later audio stays at its true offset. A failure does
 * not end the recording: creating the file and writing are tried again with each later chunk (a full disk may get
 * space back). Everything that went wrong is summed up in the {@link RecordingResult}.
 *
 * <p>{@link #unfinished} may be called from any thread: it reads only volatile progress.
 */
final class RecordingFile {
  private static final Logger log = LoggerFactory.getLogger(RecordingFile.class);

  private final Path file;
  private final String relativePath;
  private final PcmOutput.Opener opener;
  private final double byteRate;

  private PcmOutput out;
  private long owedSilence;
  private long lostBytes;
  private boolean fellBehind;
  private int openFailures;
  private String openError;
  private int writeFailures;
  private int failuresSinceLastWrite;
  private String writeError;
  private String closeError;

  private volatile boolean createFailed;
  private volatile long writtenBytes;

  RecordingFile(Path file, String relativePath, PcmOutput.Opener opener) {
    this.file = file;
    this.relativePath = relativePath;
    this.opener = opener;
    this.byteRate = WavFormat.CALL_STEREO.byteRate();
  }

  /** Creates the file; on failure it is tried again with the next chunk. */
  void open() {
    tryOpen();
  }

  /**
   * Writes {@code droppedBefore} bytes of silence (audio dropped before this chunk), any silence still owed, then
   * {@code data}. A chunk that cannot be written is owed as silence in turn.
   */
  void write(long droppedBefore, ByteBuffer data) {
    dropped(droppedBefore);
    int length = data.remaining();
    if (out == null && !tryOpen()) {
      lost(length);
      return;
    }
    try {
      writeOwedSilence();
      out.append(data);
      if (failuresSinceLastWrite > 0) {
        log.warn("recording {} writes again after {} failed writes", file, failuresSinceLastWrite);
        failuresSinceLastWrite = 0;
      }
    } catch (IOException e) {
      lost(length);
      writeFailed(e);
    }
    writtenBytes = out.dataBytes();
  }

  /** Writes the silence still owed (the call's timeline up to its end), closes the file and sums up. */
  RecordingResult close(long droppedBefore) {
    dropped(droppedBefore);
    if (out == null) {
      return RecordingResult.noFile(error(), lostBytes / byteRate);
    }
    try {
      writeOwedSilence();
    } catch (IOException e) {
      writeFailed(e);
    }
    try {
      out.close();
    } catch (IOException e) {
      closeError = reason(e);
      log.error("closing recording {} failed", file, e);
    }
    writtenBytes = out.dataBytes();
    return new RecordingResult(relativePath, out.dataBytes() / byteRate, lostBytes / byteRate, error());
  }

  /**
   * What is known while the file is still busy (a hung disk): the audio in it so far, everything of the call's
   * {@code timelineBytes} not yet in it counted as dropped, and the path unless creating the file failed (one
   * still waiting to be created may yet appear). Any thread.
   */
  RecordingResult unfinished(long timelineBytes, String why) {
    long written = writtenBytes;
    double missing = Math.max(0, timelineBytes - written) / byteRate;
    return createFailed ? RecordingResult.noFile(why, missing)
        : new RecordingResult(relativePath, written / byteRate, missing, why);
  }

  private boolean tryOpen() {
    try {
      out = opener.open(file);
      createFailed = false;
      if (openFailures > 0) {
        log.warn("recording {} created after {} failed attempts", file, openFailures);
      }
      return true;
    } catch (IOException e) {
      createFailed = true;
      if (openFailures++ == 0) {
        openError = reason(e);
        log.error("cannot create recording {}; trying again with the next chunk", file, e);
      }
      return false;
    }
  }

  private void writeOwedSilence() throws IOException {
    if (owedSilence > 0) {
      out.appendSilence(owedSilence); // false past the 4 GiB limit: nothing more fits anyway
      owedSilence = 0;
    }
  }

  private void dropped(long bytes) {
    if (bytes > 0) {
      fellBehind = true;
      lost(bytes);
    }
  }

  private void lost(long bytes) {
    lostBytes += bytes;
    owedSilence += bytes;
  }

  private void writeFailed(IOException e) {
    failuresSinceLastWrite++;
    if (writeFailures++ == 0) {
      writeError = reason(e);
      log.error("writing recording {} failed; its audio becomes silence, trying again with the next chunk", file, e);
    } else {
      log.debug("writing recording {} failed again: {}", file, e.toString());
    }
  }

  private String error() {
    StringJoiner error = new StringJoiner("; ");
    if (openFailures > 0) {
      error.add((out == null ? "cannot create the recording: " : "creating the recording failed " + openFailures
          + " times: ") + openError);
    }
    if (writeFailures > 0) {
      error.add(writeFailures + (writeFailures == 1 ? " write" : " writes") + " failed: " + writeError);
    }
    if (fellBehind) {
      error.add("the disk fell behind and audio was dropped");
    }
    if (closeError != null) {
      error.add("closing the recording failed: " + closeError);
    }
    return error.toString();
  }

  /** Why an I/O call failed, without the server's paths (the error reaches the API; the log has the details). */
  static String reason(IOException e) {
    if (e instanceof FileSystemException fs) {
      return fs.getReason() != null ? fs.getReason() : e.getClass().getSimpleName();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
