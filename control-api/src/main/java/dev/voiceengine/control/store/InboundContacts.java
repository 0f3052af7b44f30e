package dev.voiceengine.control.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Gives an inbound call the contact its caller's number last had in the same organization: the contact of the most
 * recent call placed to that number or received from it. Operators then see who called back without a CRM lookup;
 * a call that already carries a contact keeps it. Served by the from/to number indexes (V8).
 */
public final class InboundContacts {
  private static final String LATEST = "SELECT c.contact_id, c.contact_first_name, c.contact_last_name, c.contact_email"
      + " FROM calls c, calls me WHERE me.id = ? AND c.id <> me.id AND c.org_id = me.org_id"
      + " AND c.contact_id IS NOT NULL AND me.from_number IS NOT NULL"
      + " AND (c.to_number = me.from_number OR c.from_number = me.from_number)"
      + " ORDER BY c.started_at DESC, c.id DESC LIMIT 1";
  private static final String SET = "UPDATE calls SET contact_id = ?, contact_first_name = ?, contact_last_name = ?,"
      + " contact_email = ? WHERE id = ? AND contact_id IS NULL AND contact_first_name IS NULL"
      + " AND contact_last_name IS NULL AND contact_email IS NULL";

  private InboundContacts() {}

  /** Sets the matched contact on {@code callId} inside the caller's transaction; returns whether one was found. */
  public static boolean match(Connection connection, String callId) throws SQLException {
    String[] contact = new String[4];
    try (PreparedStatement s = connection.prepareStatement(LATEST)) {
      s.setString(1, callId);
      try (ResultSet r = s.executeQuery()) {
        if (!r.next()) {
          return false;
        }
        for (int i = 0; i < 4; i++) {
          contact[i] = r.getString(i + 1);
        }
      }
    }
    try (PreparedStatement s = connection.prepareStatement(SET)) {
      for (int i = 0; i < 4; i++) {
        s.setString(i + 1, contact[i]);
      }
      s.setString(5, callId);
      return s.executeUpdate() == 1;
    }
  }
}
