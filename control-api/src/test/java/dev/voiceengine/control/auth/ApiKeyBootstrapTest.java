package dev.voiceengine.control.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.voiceengine.control.store.ApiKeyStore;
import dev.voiceengine.control.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeyBootstrapTest {
  @TempDir Path dir;
  Database database;
  ApiKeyStore store;

  @BeforeEach
  void setUp() {
    database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    store = new ApiKeyStore(database, Clock.systemUTC());
  }

  private List<List<String>> apiKeyRows() throws Exception {
    List<List<String>> rows = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, hash, name, created_at FROM api_keys")) {
      while (r.next()) {
        rows.add(List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
      }
    }
    return rows;
  }

  @Test
  void withoutConfiguredKeysAKeyIsGeneratedIntoAnOwnerOnlyFileAndOnlyItsHashIsStored() throws Exception {
    ApiKeyBootstrap.Result result = ApiKeyBootstrap.run(store, List.of(), dir);

    Path file = dir.resolve("api-key");
    assertThat(result.generatedKeyFile()).isEqualTo(file);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String key = Files.readString(file).strip();
    assertThat(key).startsWith(ApiKeys.PREFIX).hasSize(ApiKeys.PREFIX.length() + 43).matches("ve_[A-Za-z0-9_-]+");
    assertThat(result.verifier().verify(key)).isTrue();

    List<List<String>> rows = apiKeyRows();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(1)).isEqualTo(ApiKeys.hashHex(key)).matches("[0-9a-f]{64}");
    assertThat(rows).allSatisfy(row -> assertThat(row).noneMatch(value -> value.contains(key)));
    assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain("api-key.tmp");
  }

  @Test
  void aSecondStartKeepsTheGeneratedKeyAndWritesNoFile() throws Exception {
    ApiKeyBootstrap.run(store, List.of(), dir);
    String key = Files.readString(dir.resolve("api-key")).strip();
    Files.delete(dir.resolve("api-key"));

    ApiKeyBootstrap.Result again = ApiKeyBootstrap.run(store, List.of(), dir);
    assertThat(again.generatedKeyFile()).isNull();
    assertThat(Files.exists(dir.resolve("api-key"))).isFalse();
    assertThat(again.verifier().verify(key)).isTrue();
  }

  @Test
  void configuredKeysAreStoredHashedOnceAndNoKeyIsGenerated() throws Exception {
    ApiKeyBootstrap.run(store, List.of("ve_configured_one", "ve_configured_two"), dir);
    ApiKeyBootstrap.Result again = ApiKeyBootstrap.run(store, List.of("ve_configured_two", "ve_configured_one"), dir);

    assertThat(again.generatedKeyFile()).isNull();
    assertThat(Files.exists(dir.resolve("api-key"))).isFalse();
    assertThat(apiKeyRows()).extracting(row -> row.get(1))
        .containsExactlyInAnyOrder(ApiKeys.hashHex("ve_configured_one"), ApiKeys.hashHex("ve_configured_two"));
    assertThat(again.verifier().verify("ve_configured_two")).isTrue();
    assertThat(again.verifier().verify("ve_configured_three")).isFalse();
  }

  @Test
  void aKeyRemovedFromTheConfigurationStopsWorking() throws Exception {
    ApiKeyBootstrap.run(store, List.of("ve_old_leaked", "ve_kept"), dir);
    ApiKeyBootstrap.Result rotated = ApiKeyBootstrap.run(store, List.of("ve_new_rotated", "ve_kept", " "), dir);

    assertThat(rotated.verifier().verify("ve_old_leaked")).isFalse();
    assertThat(rotated.verifier().verify("ve_kept")).isTrue();
    assertThat(rotated.verifier().verify("ve_new_rotated")).isTrue();
    assertThat(apiKeyRows()).hasSize(2);
  }

  @Test
  void configuringKeysRetiresTheGeneratedOne() throws Exception {
    ApiKeyBootstrap.run(store, List.of(), dir);
    String generated = Files.readString(dir.resolve("api-key")).strip();

    ApiKeyBootstrap.Result configured = ApiKeyBootstrap.run(store, List.of("ve_configured"), dir);
    assertThat(configured.verifier().verify(generated)).isFalse();
    assertThat(configured.verifier().verify("ve_configured")).isTrue();
    assertThat(dir.resolve("api-key")).doesNotExist();

    ApiKeyBootstrap.Result none = ApiKeyBootstrap.run(store, List.of(), dir);
    assertThat(none.verifier().verify("ve_configured")).isFalse();
    assertThat(none.generatedKeyFile()).as("no key left: a new one is generated").isNotNull();
  }

  @Test
  void aStaleKeyFileIsReplacedWithOwnerOnlyPermissions() throws Exception {
    Path file = dir.resolve("api-key");
    Files.writeString(file, "old\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    ApiKeyBootstrap.Result result = ApiKeyBootstrap.run(store, List.of(), dir);
    assertThat(result.generatedKeyFile()).isEqualTo(file);
    assertThat(Files.readString(file)).startsWith(ApiKeys.PREFIX);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
  }
}
