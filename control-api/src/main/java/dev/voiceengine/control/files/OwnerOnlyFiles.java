package dev.voiceengine.control.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder holds personal data (numbers, transcripts, recordings) and the API key, so everything the engine
 * creates there is its user's alone: folders {@code rwx------} (0700), files {@code rw-------} (0600), set at creation
 * rather than after, so there is no moment at which another user could open them. Things left open to others by an
 * earlier version are tightened at start. On file systems without POSIX permissions nothing is changed.
 */
public final class OwnerOnlyFiles {
  private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);
  public static final Set<PosixFilePermission> FILE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  public static final Set<PosixFilePermission> FOLDER =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
      PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
      PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private OwnerOnlyFiles() {}

  /**
   * Creates the folder (and missing parents) owner-only; an existing one that group or others may use is tightened,
   * or, when it cannot be (another user owns it), a warning says so.
   */
  public static Path folder(Path dir) throws IOException {
    if (!posix(dir)) {
      return Files.createDirectories(dir);
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
    }
    tighten(dir);
    return dir;
  }

  /** Creates an empty owner-only file if there is none; tightens an existing one. */
  public static void file(Path file) throws IOException {
    if (!posix(file.toAbsolutePath().getParent())) {
      return;
    }
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
    } catch (FileAlreadyExistsException e) {
      tighten(file);
    }
  }

  /** Opens a file channel whose file, if this creates it, is owner-only. */
  public static FileChannel open(Path file, Set<? extends OpenOption> options) throws IOException {
    return posix(file.toAbsolutePath().getParent())
        ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE))
        : FileChannel.open(file, options);
  }

  /** The attributes that create a file owner-only here, none where POSIX permissions do not exist. */
  public static FileAttribute<?>[] fileAttributes(Path dir) throws IOException {
    return posix(dir) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
  }

  /** Removes group and other permissions from an existing file or folder (not following links). */
  public static void tighten(Path path) throws IOException {
    if (!Files.exists(path) || Files.isSymbolicLink(path) || !posix(path)) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
    if (perms.stream().noneMatch(OTHERS::contains)) {
      return;
    }
    Set<PosixFilePermission> tightened = EnumSet.copyOf(perms);
    tightened.removeAll(OTHERS);
    try {
      Files.setPosixFilePermissions(path, tightened);
      log.info("{} was open to other users ({}); now {}", path, PosixFilePermissions.toString(perms),
          PosixFilePermissions.toString(tightened));
    } catch (IOException e) {
      log.warn("{} is open to other users ({}) and cannot be changed: {}", path, PosixFilePermissions.toString(perms),
          e.toString());
    }
  }

  private static boolean posix(Path existingOrParent) throws IOException {
    Path p = existingOrParent.toAbsolutePath();
    while (p != null && !Files.exists(p)) {
      p = p.getParent();
    }
    return p != null && Files.getFileStore(p).supportsFileAttributeView("posix");
  }
}
