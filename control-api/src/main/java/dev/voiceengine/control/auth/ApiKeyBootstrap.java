package dev.voiceengine.control.auth;

import dev.voiceengine.control.store.ApiKeyStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the API can be used at all at start, and by exactly the keys meant: the keys given in configuration are
 * stored (hashed) and keys no longer configured are removed, so rotating a leaked key is a config change and a
 * restart. With keys configured, a previously generated key is retired too; with none configured, the generated key
 * is kept, or one is generated and written to {@code dataDir/api-key}, readable by the owner only.
 *
 * <p>The file is written (to a temporary file created with mode 0600, then moved into place) before the hash is
 * stored, so a crash between the two leaves an empty table and the next start simply generates a new key; the
 * other order could leave a stored key nobody knows. Only the file's path is logged, never the key.
 */
public final class ApiKeyBootstrap {
  private static final Logger log = LoggerFactory.getLogger(ApiKeyBootstrap.class);
  /** Name of the generated key file inside the data directory. */
  public static final String KEY_FILE = "api-key";
  private static final String CONFIGURED = "config";
  private static final String GENERATED = "generated";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  /** The verifier over every stored key, and the key file when this start generated a key (else null). */
  public record Result(ApiKeyVerifier verifier, Path generatedKeyFile) {}

  private ApiKeyBootstrap() {}

  /** Stores the configured keys, generates one if the store is still empty, and loads every hash. */
  public static Result run(ApiKeyStore store, List<String> configuredKeys, Path dataDir)
      throws Exception {
    int added = 0;
    Set<String> configured = new java.util.HashSet<>();
    for (String key : configuredKeys) {
      if (key == null || key.isBlank()) {
        log.warn("Ignoring an empty API key in the configuration");
        continue;
      }
      String hash = ApiKeys.hashHex(key.strip());
      configured.add(hash);
      if (store.ensure(hash, CONFIGURED, ApiKeys.displayPrefix(key.strip()), ApiKeyStore.DEFAULT_ORG)) {
        added++;
      }
    }
    if (added > 0) {
      log.info("Stored {} API key(s) from the configuration (hashed)", added);
    }
    int removed = store.removeOthers(CONFIGURED, configured);
    if (removed > 0) {
      log.info("Removed {} API key(s) that are no longer in the configuration", removed);
    }
    if (!configured.isEmpty() && store.removeOthers(GENERATED, Set.of()) > 0) {
      Files.deleteIfExists(dataDir.resolve(KEY_FILE));
      log.info("API keys are configured: the generated key no longer works and {} was removed",
          dataDir.resolve(KEY_FILE));
    }
    Path generated = null;
    if (store.hashes().isEmpty()) {
      String key = ApiKeys.generate();
      generated = dataDir.resolve(KEY_FILE);
      writeOwnerOnly(generated, key + "\n");
      store.ensure(ApiKeys.hashHex(key), GENERATED, ApiKeys.displayPrefix(key), ApiKeyStore.DEFAULT_ORG);
      log.info("No API key was configured: generated one and wrote it to {} (readable by this user only)",
          generated);
    }
    return new Result(ApiKeyVerifier.reloading(store::activeKeys), generated);
  }

  /** Writes the text to a new file that is created with mode 0600 (where POSIX permissions exist). */
  static void writeOwnerOnly(Path target, String text) throws IOException {
    Path directory = target.toAbsolutePath().getParent();
    Path temporary = directory.resolve(target.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean posix = Files.getFileStore(directory).supportsFileAttributeView("posix");
    if (!posix) {
      log.warn("{} does not support POSIX permissions: protect {} by other means", directory, target);
    }
    try (SeekableByteChannel channel = posix
        ? Files.newByteChannel(temporary, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
        : Files.newByteChannel(temporary, options)) {
      ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
    } catch (FileAlreadyExistsException e) {
      throw new IOException("could not create " + temporary + " exclusively", e);
    }
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
