package dev.voiceengine.control;

import dev.voiceengine.control.files.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * One engine per data folder: an OS lock on {@code data_dir/.lock}, held while the engine runs. Without it a second
 * engine started on the same folder would mark the first one's live calls failed at its start and write to the same
 * recordings. The OS releases the lock when the process dies, so a crash never leaves the folder locked.
 */
final class DataDirLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir) throws IOException {
    Path file = dataDir.resolve(".lock");
    OwnerOnlyFiles.file(file);
    FileChannel channel = OwnerOnlyFiles.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null; // this JVM holds it already
    }
    if (lock == null) {
      channel.close();
      throw new IOException("data_dir " + dataDir + " is in use by another running engine (" + file + " is locked)");
    }
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
      channel.close();
    } catch (IOException ignored) {
      // the process is stopping; the OS drops the lock with the file descriptor anyway
    }
  }
}
