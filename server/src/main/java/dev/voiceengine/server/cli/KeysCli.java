package dev.voiceengine.server.cli;

import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.store.ApiKeyStore;
import dev.voiceengine.control.store.Database;
import dev.voiceengine.server.config.ConfigException;
import dev.voiceengine.server.config.ConfigLoader;
import dev.voiceengine.server.config.EngineConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code voice-engine keys create|list|revoke}: API keys of organizations, managed in the engine's store directly
 * (not through the API), so an operator can make the first key of an organization. The store is the one the
 * engine uses: {@code --config FILE} (its data_dir and storage.url) or {@code --data-dir DIR} (its calls.db). A
 * running engine picks up new and revoked keys within seconds. A key is printed once, at creation; only its hash is
 * stored, and lists show its first characters.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "Create, list and revoke API keys of organizations (in the engine's store).",
    subcommands = {KeysCli.Create.class, KeysCli.ListKeys.class, KeysCli.Revoke.class})
public final class KeysCli implements Runnable {
  /** An organization name: lower case letters, digits, '-' and '_', starting with a letter or digit. */
  static final Pattern ORG = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: create, list or revoke");
  }

  /** Where the store is: exactly one of a configuration file or a data directory (default ./data). */
  static final class Store {
    @Option(names = "--config", paramLabel = "FILE", description = "the engine's YAML configuration")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the engine's data directory (default ./data)")
    Path dataDir;

    ApiKeyStore open() throws ConfigException {
      String url;
      if (config != null) {
        EngineConfig cfg = new ConfigLoader(System.getenv()).load(config);
        Path data = Path.of(cfg.dataDir()).toAbsolutePath().normalize(); // as the engine resolves it
        url = cfg.storage().url() != null && !cfg.storage().url().isBlank() ? cfg.storage().url()
            : "jdbc:sqlite:" + data.resolve("calls.db");
      } else {
        Path data = dataDir == null ? Path.of("data") : dataDir;
        url = "jdbc:sqlite:" + data.toAbsolutePath().normalize().resolve("calls.db");
      }
      Database database = Database.of(url);
      database.migrate();
      return new ApiKeyStore(database, Clock.systemUTC());
    }
  }

  /** Options shared by the three commands. */
  abstract static class StoreCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Store store = new Store();

    @Override
    public final Integer call() {
      try {
        return run(store == null ? new Store() : store, spec.commandLine().getOut());
      } catch (ConfigException e) {
        return fail(e.getMessage());
      } catch (Exception e) {
        return fail("cannot use the key store: " + e.getMessage());
      }
    }

    abstract int run(Store store, PrintWriter out) throws Exception;

    int fail(String message) {
      spec.commandLine().getErr().println("voice-engine keys: " + message);
      return 2;
    }
  }

  /** {@code keys create --org NAME}: prints the new key (once) on stdout. */
  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a key for an organization (created when new) and print it once.")
  static final class Create extends StoreCommand {
    @Option(names = "--org", required = true, paramLabel = "NAME", description = "the key's organization")
    String org;

    @Override
    int run(Store store, PrintWriter out) throws Exception {
      if (!ORG.matcher(org).matches()) {
        return fail("--org: expected 1 to 64 lower-case letters, digits, '-' or '_', got \"" + org + "\"");
      }
      ApiKeyStore keys = store.open();
      String key = ApiKeys.generate();
      String prefix = ApiKeys.displayPrefix(key);
      keys.ensure(ApiKeys.hashHex(key), "cli", prefix, org);
      out.println(key);
      out.flush();
      spec.commandLine().getErr().println("Created API key " + prefix + "... for organization " + org
          + ". It is shown only this once; only its hash is stored.");
      return 0;
    }
  }

  /** {@code keys list}: prefix, organization, created, revoked; never a key. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the keys (prefixes only).")
  static final class ListKeys extends StoreCommand {
    @Override
    int run(Store store, PrintWriter out) throws Exception {
      List<ApiKeyStore.StoredKey> keys = store.open().list();
      out.printf("%-14s %-20s %-10s %-24s %s%n", "PREFIX", "ORG", "SOURCE", "CREATED", "REVOKED");
      for (ApiKeyStore.StoredKey k : keys) {
        out.printf("%-14s %-20s %-10s %-24s %s%n", k.prefix() == null ? "(id " + k.id().substring(0, 8) + ")"
            : k.prefix(), k.orgId(), k.name(), k.createdAt(), k.revokedAt() == null ? "-" : k.revokedAt());
      }
      out.flush();
      return 0;
    }
  }

  /** {@code keys revoke PREFIX}: the key stops working (a running engine notices within seconds). */
  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke the key with this prefix.")
  static final class Revoke extends StoreCommand {
    @Parameters(index = "0", paramLabel = "PREFIX", description = "the key's prefix as listed (or its id)")
    String prefix;

    @Override
    int run(Store store, PrintWriter out) throws Exception {
      List<ApiKeyStore.StoredKey> matched = store.open().revoke(prefix);
      if (matched.isEmpty()) {
        return fail("no unrevoked key with prefix " + prefix);
      }
      if (matched.size() > 1) {
        return fail(matched.size() + " keys have prefix " + prefix + "; revoke one by its id");
      }
      out.println("Revoked " + prefix + " (organization " + matched.get(0).orgId() + ")");
      out.flush();
      return 0;
    }
  }
}
