package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReusedStatementsTest {
  @TempDir Path dir;

  @Test
  void theSameSqlGetsTheSamePreparedStatementWithItsParametersCleared() throws Exception {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    String insert = "INSERT INTO api_keys (id, hash, name, created_at) VALUES (?, ?, 'n', 't')";
    try (Connection real = database.connect()) {
      ReusedStatements reused = new ReusedStatements(real);
      Connection view = reused.connection();
      PreparedStatement first;
      try (PreparedStatement s = view.prepareStatement(insert)) {
        first = s;
        s.setString(1, "a");
        s.setString(2, "ha");
        assertThat(s.executeUpdate()).isOne();
      }
      try (PreparedStatement s = view.prepareStatement(insert)) {
        assertThat(s).isSameAs(first);
        assertThat(s.isClosed()).as("closing it only cleared it").isFalse();
        assertThatThrownBy(s::executeUpdate).as("the last write's values are gone").isInstanceOf(SQLException.class);
        s.setString(1, "b");
        s.setString(2, "hb");
        assertThat(s.executeUpdate()).isOne();
      }
      try (PreparedStatement other = view.prepareStatement("SELECT COUNT(*) FROM api_keys")) {
        assertThat(other).isNotSameAs(first);
        var rows = other.executeQuery();
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(2);
      }

      view.close();
      assertThat(real.isClosed()).as("the owner closes the connection, not the writes").isFalse();
      reused.close();
      assertThat(first.isClosed()).isTrue();
    }
  }
}
