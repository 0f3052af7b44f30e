package dev.voiceengine.control.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The V6 parts of a call record survive a write and a read, and absent parts stay absent. */
class CallPartRowsTest {
  @TempDir Path dir;

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00.123Z");

  private Database database() {
    Database database = Database.of("jdbc:sqlite:" + dir.resolve("calls.db"));
    database.migrate();
    return database;
  }

  private static CallRecord.Builder base(String id) {
    return CallRecord.builder(id).direction(CallDirection.OUTBOUND).status(CallStatus.COMPLETED)
        .toNumber("+15551234567").startedAt(T0).createdAt(T0).updatedAt(T0);
  }

  @Test
  void everyPartRoundTrips() throws Exception {
    CallRecord written = base("c1")
        .request(new CallRequest("b1", "camp", "Hi Ana", Map.of("customer_name", "Ana"), Map.of("crm", "42")))
        .ringingAt(T0.plusSeconds(1))
        .sipReason("Busy Here")
        .amd(new CallAmd("machine", 1840L, 5120L))
        .wentToVoicemail(true)
        .transfer(new CallTransfer("+15550001111", "succeeded", 200))
        .contact(new CallContact("k7", "Ana", "Lopez", "ana@example.org"))
        .analysis(new CallAnalysis("Booked Friday.", "positive", List.of("appointment", "new_patient"), true,
            "caller_hangup", "{\"appointment_day\":\"friday\"}", "heuristic", T0.plusSeconds(60)))
        .build();
    Database database = database();
    try (Connection c = database.connect()) {
      CallRows.insert(c, written);
      assertThat(CallQueries.find(c, "c1")).contains(written);
      try (Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT tags FROM calls WHERE tags LIKE '%,appointment,%'")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1)).isEqualTo(",appointment,new_patient,");
      }
    }
  }

  @Test
  void absentPartsReadBackAsNull() throws Exception {
    CallRecord written = base("c2").build();
    Database database = database();
    try (Connection c = database.connect()) {
      CallRows.insert(c, written);
      CallRecord read = CallQueries.find(c, "c2").orElseThrow();
      assertThat(read).isEqualTo(written);
      assertThat(read.request()).isNull();
      assertThat(read.amd()).isNull();
      assertThat(read.transfer()).isNull();
      assertThat(read.contact()).isNull();
      assertThat(read.analysis()).isNull();
      assertThat(read.wentToVoicemail()).isNull();
    }
  }

  @Test
  void anUpdateChangesTheParts() throws Exception {
    Database database = database();
    try (Connection c = database.connect()) {
      CallRows.insert(c, base("c3").build());
      CallRecord changed = base("c3").amd(new CallAmd("human", 900L, null)).wentToVoicemail(false).build();
      CallRows.update(c, changed);
      assertThat(CallQueries.find(c, "c3")).contains(changed);
    }
  }

  @Test
  void aTagWithACommaIsRefused() {
    assertThatThrownBy(() -> CallPartRows.storedTags(List.of("a,b"))).isInstanceOf(IllegalArgumentException.class);
    assertThat(CallPartRows.storedTags(List.of())).isNull();
    assertThat(CallPartRows.tags(",x,,y,")).containsExactly("x", "y");
  }
}
