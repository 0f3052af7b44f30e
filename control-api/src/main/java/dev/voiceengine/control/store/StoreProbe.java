package dev.voiceengine.control.store;

import dev.voiceengine.control.health.PartHealth;
import dev.voiceengine.control.health.ReadinessCheck;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Readiness of the call store: rewrites the one row of {@code store_probe} in a committed transaction on a fresh
 * connection, so a store that cannot take the event writer's next batch (read-only or missing file, full disk, a
 * lock held elsewhere, a database server that is gone) counts as down. One small write per check; checks are at most
 * one a second ({@link dev.voiceengine.control.health.Readiness}).
 */
public final class StoreProbe implements ReadinessCheck {
  private final Database database;
  private final Clock clock;

  public StoreProbe(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "store";
  }

  @Override
  public PartHealth check() {
    try {
      int rows = database.transaction(connection -> {
        try (PreparedStatement update = connection.prepareStatement(
            "UPDATE store_probe SET checked_at = ? WHERE id = 1")) {
          update.setString(1, Timestamps.format(clock.instant()));
          return update.executeUpdate();
        }
      });
      return rows == 1 ? PartHealth.ok() : PartHealth.down("not writable");
    } catch (SQLException e) {
      return PartHealth.down("not writable");
    }
  }
}
