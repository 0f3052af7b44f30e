package dev.voiceengine.control.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.linecorp.armeria.common.QueryParams;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallOrder;
import dev.voiceengine.control.store.CallStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListCallsQueryTest {
  static CallFilter parse(String query) {
    return ListCallsQuery.parse(QueryParams.fromQueryString(query)).filter();
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
    assertThat(parse("")).isEqualTo(CallFilter.builder().limit(50).build());
    assertThat(parse("").orderBy()).isEqualTo(CallOrder.STARTED_AT);
    assertThat(parse("").ascending()).isFalse();
  }

  @Test
  void everyParameter() {
    CallFilter filter = parse("limit=100&offset=40&direction=outbound&status=in-progress&agent_id=demo"
        + "&from=2025-03-01T00:00:00Z&to=2025-03-02T01:00:00%2B01:00");
    assertThat(filter).isEqualTo(CallFilter.builder().direction(CallDirection.OUTBOUND)
        .status(CallStatus.IN_PROGRESS).startedFrom(Instant.parse("2025-03-01T00:00:00Z"))
        .startedTo(Instant.parse("2025-03-02T00:00:00Z")).agentId("demo").limit(100).offset(40).build());
    CallFilter more = parse("outcome=voicemail&sentiment=negative&campaign_id=spring&batch_id=b-1&contact_id=c-9"
        + "&went_to_voicemail=true&phone_number=%2B15550001&search=555&tags=billing,refund,billing"
        + "&created_after=2025-03-01&created_before=2025-03-02&order_by=duration&order=asc&limit=1000");
    assertThat(more).isEqualTo(CallFilter.builder().outcome("voicemail").sentiment("negative")
        .campaignId("spring").batchId("b-1").contactId("c-9").wentToVoicemail(true).phoneNumber("+15550001")
        .search("555").tags(List.of("billing", "refund")).createdFrom(Instant.parse("2025-03-01T00:00:00Z"))
        .createdTo(Instant.parse("2025-03-02T23:59:59.999Z")).orderBy(CallOrder.DURATION).ascending(true)
        .limit(1000).build());
  }

  @Test
  void mostRecentIsOneCallAndTakesNoPage() {
    ListCallsQuery.Request request =
        ListCallsQuery.parse(QueryParams.fromQueryString("most_recent=true&status=failed"));
    assertThat(request.mostRecent()).isTrue();
    assertThat(request.filter().limit()).isEqualTo(1);
    for (String page : List.of("limit=5", "offset=1", "order_by=duration", "order=asc", "cursor=c1.x")) {
      assertThat(refused("most_recent=true&" + page).field()).isEqualTo(page.substring(0, page.indexOf('=')));
    }
    assertThat(refused("most_recent=yes").field()).isEqualTo("most_recent");
  }

  @Test
  void viewsOfTheList() {
    ListCallsQuery.Request light = ListCallsQuery.parse(
        QueryParams.fromQueryString("fields=light&include=metrics,transcript"));
    assertThat(light.view()).isEqualTo(new CallView(false,
        java.util.Set.of(CallView.Group.METRICS, CallView.Group.TRANSCRIPT)));
    assertThat(ListCallsQuery.parse(QueryParams.of()).view()).isEqualTo(new CallView(true, java.util.Set.of()));
    assertThat(refused("fields=medium").field()).isEqualTo("fields");
    assertThat(refused("include=transcript,recording").field()).isEqualTo("include");
    assertThat(refused("include=transcript,").field()).isEqualTo("include");
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
    assertThat(refused("limit=1001").field()).isEqualTo("limit");
    assertThat(refused("sentiment=angry").field()).isEqualTo("sentiment");
    assertThat(refused("order_by=price").field()).isEqualTo("order_by");
    assertThat(refused("order=up").field()).isEqualTo("order");
    assertThat(refused("tags=a%20b").field()).isEqualTo("tags");
    assertThat(refused("search=50%25").field()).isEqualTo("search");
    assertThat(refused("phone_number=1%202").field()).isEqualTo("phone_number");
    assertThat(refused("created_after=2025-03-02&created_before=2025-03-01").field()).isEqualTo("created_before");
    assertThat(refused("went_to_voicemail=1").field()).isEqualTo("went_to_voicemail");
    assertThat(refused("cursor=c1.abc&offset=3").field()).isEqualTo("offset");
    assertThat(refused("cursor=nonsense").field()).isEqualTo("cursor");
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
