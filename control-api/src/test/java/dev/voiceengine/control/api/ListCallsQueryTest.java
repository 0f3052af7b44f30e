package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.linecorp.armeria.common.QueryParams;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ListCallsQueryTest {
  static CallFilter parse(String query) {
    return ListCallsQuery.parse(QueryParams.fromQueryString(query));
  }

  static ApiException refused(String query) {
    ApiException e = catchThrowableOfType(ApiException.class, () -> parse(query));
    assertThat(e).as(query).isNotNull();
    assertThat(e.status().code()).isEqualTo(400);
    assertThat(e.code()).isEqualTo("invalid_parameter");
    return e;
  }

  @Test
  void defaults() {
    assertThat(parse("")).isEqualTo(new CallFilter(null, null, null, null, null, 20, 0));
  }

  @Test
  void everyParameter() {
    CallFilter filter = parse("limit=100&offset=40&direction=outbound&status=in-progress&agent_id=demo"
        + "&from=2025-03-01T00:00:00Z&to=2025-03-02T01:00:00%2B01:00");
    assertThat(filter).isEqualTo(new CallFilter(CallDirection.OUTBOUND, CallStatus.IN_PROGRESS,
        Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-03-02T00:00:00Z"), "demo", 100, 40));
  }

  @Test
  void dateAliasesAndPlainDatesCoverWholeDays() {
    CallFilter filter = parse("start_date=2025-03-01&end_date=2025-03-31");
    assertThat(filter.startedFrom()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(filter.startedTo()).isEqualTo(Instant.parse("2025-03-31T23:59:59.999Z"));
  }

  @Test
  void refusalsNameTheField() {
    assertThat(refused("limit=0").field()).isEqualTo("limit");
    assertThat(refused("limit=101").field()).isEqualTo("limit");
    assertThat(refused("limit=-1").field()).isEqualTo("limit");
    assertThat(refused("limit=ten").field()).isEqualTo("limit");
    assertThat(refused("limit=%2B5").field()).isEqualTo("limit");
    assertThat(refused("limit=99999999999999999999").field()).isEqualTo("limit");
    assertThat(refused("offset=-3").field()).isEqualTo("offset");
    assertThat(refused("direction=INBOUND").field()).isEqualTo("direction");
    assertThat(refused("status=ended").field()).isEqualTo("status");
    assertThat(refused("from=yesterday").field()).isEqualTo("from");
    assertThat(refused("to=2025-03-01T00:00:00").field()).as("no zone").isEqualTo("to");
    assertThat(refused("end_date=2025-13-01").field()).isEqualTo("end_date");
    assertThat(refused("from=%2B12345-01-01T00:00:00Z").field()).isEqualTo("from");
    assertThat(refused("from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z").field()).isEqualTo("to");
    assertThat(refused("from=2025-03-01&start_date=2025-03-01").field()).isEqualTo("start_date");
    assertThat(refused("agent_id=").field()).isEqualTo("agent_id");
    assertThat(refused("limit=5&limit=6").field()).isEqualTo("limit");
    assertThat(refused("sort=asc").field()).isEqualTo("sort");
  }
}
