package dev.voiceengine.control.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {
  @TempDir Path dir;

  static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void foldersAndFilesAreCreatedOwnerOnly() throws Exception {
    Path folder = OwnerOnlyFiles.folder(dir.resolve("a").resolve("data"));
    assertThat(mode(folder)).isEqualTo("rwx------");
    assertThat(mode(folder.getParent())).as("a parent it created").isEqualTo("rwx------");
    OwnerOnlyFiles.file(folder.resolve("f"));
    assertThat(mode(folder.resolve("f"))).isEqualTo("rw-------");
    OwnerOnlyFiles.open(folder.resolve("g"), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE)).close();
    assertThat(mode(folder.resolve("g"))).isEqualTo("rw-------");
  }

  @Test
  void whatAnEarlierVersionLeftOpenIsTightened() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("data"), PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x")); // whatever the umask
    Path file = Files.writeString(folder.resolve("calls.db"), "x");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
    OwnerOnlyFiles.folder(folder);
    OwnerOnlyFiles.file(file);
    assertThat(mode(folder)).isEqualTo("rwx------");
    assertThat(mode(file)).isEqualTo("rw-------");
    assertThat(Files.readString(file)).as("an existing file is kept").isEqualTo("x");
  }
}
