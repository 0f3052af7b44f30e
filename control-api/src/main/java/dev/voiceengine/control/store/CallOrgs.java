package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The organization each call and batch belongs to (calls.org_id, batches.org_id; V13). Kept out of
 * {@link CallRecord} on purpose: the API never shows it, it only decides who may see a call. A call of another
 * organization is answered exactly like a missing one (404), so these checks say "owned or not", never why.
 */
public final class CallOrgs {
  /** The organization of everything stored before organizations existed. */
  public static final String DEFAULT_ORG = "default";

  private final Database database;

  public CallOrgs(Database database) {
    this.database = database;
  }

  /** Whether the call exists and belongs to the organization. */
  public boolean owns(String orgId, String callId) throws SQLException {
    return database.read(connection -> orgId.equals(of(connection, callId)));
  }

  /** Whether the batch exists and belongs to the organization. */
  public boolean ownsBatch(String orgId, String batchId) throws SQLException {
    return database.read(connection -> orgId.equals(ofBatch(connection, batchId)));
  }

  /** The call's organization, or null when there is no such call. */
  public String callOrg(String callId) throws SQLException {
    return database.read(connection -> of(connection, callId));
  }

  /** The batch's organization, or null when there is no such batch. */
  public String batchOrg(String batchId) throws SQLException {
    return database.read(connection -> ofBatch(connection, batchId));
  }

  /** The call's organization as the connection sees it, or null when there is no such call. */
  public static String of(Connection connection, String callId) throws SQLException {
    return one(connection, "SELECT org_id FROM calls WHERE id = ?", callId);
  }

  /** The batch's organization as the connection sees it, or null when there is no such batch. */
  public static String ofBatch(Connection connection, String batchId) throws SQLException {
    return one(connection, "SELECT org_id FROM batches WHERE id = ?", batchId);
  }

  /** Gives the call to the organization (in the caller's transaction). */
  public static void set(Connection connection, String callId, String orgId) throws SQLException {
    update(connection, "UPDATE calls SET org_id = ? WHERE id = ?", callId, orgId);
  }

  /** Gives the batch to the organization (in the caller's transaction). */
  public static void setBatch(Connection connection, String batchId, String orgId) throws SQLException {
    update(connection, "UPDATE batches SET org_id = ? WHERE id = ?", batchId, orgId);
  }

  private static String one(Connection connection, String sql, String id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, id);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  private static void update(Connection connection, String sql, String id, String orgId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(sql)) {
      update.setString(1, orgId);
      update.setString(2, id);
      update.executeUpdate();
    }
  }
}
