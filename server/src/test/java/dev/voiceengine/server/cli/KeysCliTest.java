package dev.voiceengine.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.auth.ApiKeyVerifier;
import dev.voiceengine.control.auth.ApiKeys;
import dev.voiceengine.control.store.ApiKeyStore;
import dev.voiceengine.control.store.Database;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code voice-engine keys}: create prints the key once and stores only its hash in the organization; list shows
 * prefixes, never keys; revoke stops the key authenticating; bad names and prefixes are refused with exit 2.
 */
class KeysCliTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run keys(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new KeysCli());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  Database database() {
    return Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
  }

  @Test
  void createListRevoke() throws Exception {
    Run created = keys("create", "--org", "acme", "--data-dir", dir.toString());
    assertThat(created.exit()).isEqualTo(0);
    String key = created.out().strip();
    assertThat(key).matches("ve_[A-Za-z0-9_-]{43}");
    assertThat(created.err()).contains("acme").contains(ApiKeys.displayPrefix(key)).doesNotContain(key);

    List<String> stored = new ArrayList<>();
    try (Connection c = database().connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT hash, org_id, prefix FROM api_keys")) {
      while (r.next()) {
        stored.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3));
      }
    }
    assertThat(stored).containsExactly(ApiKeys.hashHex(key) + " acme " + ApiKeys.displayPrefix(key));
    assertThat(Files.readString(dir.resolve("calls.db"), StandardCharsets.ISO_8859_1)).doesNotContain(key);
    ApiKeyStore store = new ApiKeyStore(database(), Clock.systemUTC());
    assertThat(ApiKeyVerifier.of(store.activeKeys()).organization(key)).isEqualTo("acme");

    Run second = keys("create", "--org", "acme", "--data-dir", dir.toString());
    assertThat(second.out().strip()).isNotEqualTo(key);

    Run listed = keys("list", "--data-dir", dir.toString());
    assertThat(listed.exit()).isEqualTo(0);
    assertThat(listed.out()).contains(ApiKeys.displayPrefix(key)).contains("acme").doesNotContain(key)
        .doesNotContain(second.out().strip());

    Run revoked = keys("revoke", ApiKeys.displayPrefix(key), "--data-dir", dir.toString());
    assertThat(revoked.exit()).as(revoked.err()).isEqualTo(0);
    assertThat(ApiKeyVerifier.of(store.activeKeys()).organization(key)).isNull();
    assertThat(ApiKeyVerifier.of(store.activeKeys()).organization(second.out().strip())).isEqualTo("acme");
    assertThat(keys("list", "--data-dir", dir.toString()).out().lines()
        .filter(l -> l.startsWith(ApiKeys.displayPrefix(key))).findFirst().orElseThrow()).doesNotEndWith(" -");
    assertThat(keys("revoke", ApiKeys.displayPrefix(key), "--data-dir", dir.toString()).exit())
        .as("already revoked").isEqualTo(2);
  }

  @Test
  void refusesBadNamesAndUnknownPrefixes() {
    Run bad = keys("create", "--org", "Acme Corp", "--data-dir", dir.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--org");
    assertThat(bad.out()).isEmpty();
    Run unknown = keys("revoke", "ve_nothing", "--data-dir", dir.toString());
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("no unrevoked key");
    assertThat(keys("create", "--data-dir", dir.toString()).exit()).as("--org is required").isEqualTo(2);
  }
}
