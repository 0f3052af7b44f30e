package dev.voiceengine.media.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Recordings are personal data: their folder is created {@code rwx------} and each WAV {@code rw-------}, at creation
 * (no moment when another user could open them). Where the file system has no POSIX permissions, nothing is set.
 */
public final class OwnerOnly {
  private static final Set<PosixFilePermission> FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final Set<PosixFilePermission> FOLDER =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

  private OwnerOnly() {}

  /** Creates the folder (and missing parents) owner-only; an existing one keeps only its owner's permissions. */
  public static void folder(Path dir) throws IOException {
    if (!posix(dir)) {
      Files.createDirectories(dir);
      return;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
    } else if (!Files.isSymbolicLink(dir)) {
      Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(dir));
      if (perms.retainAll(FOLDER)) {
        Files.setPosixFilePermissions(dir, perms);
      }
    }
  }

  /** The attributes that create a file in {@code dir} owner-only. */
  static FileAttribute<?>[] file(Path dir) throws IOException {
    return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  private static boolean posix(Path path) throws IOException {
    Path p = path.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p != null && Files.getFileStore(p).supportsFileAttributeView("posix");
  }
}
