package dev.voiceengine.control.api;

import com.linecorp.armeria.common.QueryParams;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallOrder;
import dev.voiceengine.control.store.CallStatus;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /v1/calls}, validated into a {@link CallFilter} and a {@link CallView}. Strict on purpose
 * (see {@link QueryValues}): an unknown parameter, a repeated or empty one, or a value out of range is a 400 naming it.
 *
 * <p>Filters: agent_id, direction, status, outcome, sentiment, campaign_id, batch_id, contact_id, went_to_voicemail
 * (true or false), phone_number (the
 * from or the to number, exact), search (a part of the from or to number), tags (any of a comma list), from / to on
 * started_at (start_date / end_date are aliases), created_after / created_before on created_at; every range is
 * inclusive, and a plain date as upper bound includes that whole day. Order: order_by (started_at, ended_at,
 * created_at, duration) and order (desc, the default, or asc). Page: limit (1..1000, default 50) with offset, or
 * cursor (the next_cursor of the previous page, with the same filters and order). most_recent=true answers the one
 * newest matching call instead of a page. Shape: fields and include ({@link CallView}).
 */
final class ListCallsQuery {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 1000;
  static final String MOST_RECENT = "most_recent";
  private static final Set<String> KNOWN = Set.of(
      "limit", "offset", CallCursor.NAME, "direction", "status", "agent_id", "from", "to", "start_date", "end_date",
      "outcome", "sentiment", "campaign_id", "batch_id", "contact_id", "phone_number", "search", "tags",
      "created_after", "created_before", "went_to_voicemail", "order_by", "order", MOST_RECENT,
      CallView.FIELDS, CallView.INCLUDE);
  private static final Pattern TAG = Pattern.compile("[\\p{Alnum}_-]{1,64}");
  /** A part of a phone number or SIP user: the characters numbers are written with. */
  private static final Pattern SEARCH = Pattern.compile("[\\p{Alnum}+*#._@-]{1,64}");
  private static final String[] SENTIMENTS = {"positive", "neutral", "negative"};
  private static final String[] ORDERS = {"desc", "asc"};

  /** A validated list request: the filter with its page, how to show each call, and whether only the newest. */
  record Request(CallFilter filter, CallView view, boolean mostRecent) {}

  private ListCallsQuery() {}

  static Request parse(QueryParams params) {
    QueryValues query = QueryValues.of(params, KNOWN);
    boolean mostRecent = query.flag(MOST_RECENT, false);
    if (mostRecent) {
      for (String page : new String[] {"limit", "offset", CallCursor.NAME, "order_by", "order"}) {
        query.exclusive(MOST_RECENT, page, "most_recent answers the newest matching call");
      }
    }
    query.exclusive(CallCursor.NAME, "offset", "a cursor already says where the page starts");
    CallFilter.Builder filter = CallFilter.builder()
        .limit(mostRecent ? 1 : (int) query.number("limit", DEFAULT_LIMIT, 1, MAX_LIMIT))
        .offset(query.number("offset", 0, 0, Long.MAX_VALUE))
        .direction(query.choice("direction", CallDirection.values(), CallDirection::wire))
        .status(query.choice("status", CallStatus.values(), CallStatus::wire))
        .agentId(query.token("agent_id"))
        .outcome(query.token("outcome"))
        .sentiment(query.choice("sentiment", SENTIMENTS, s -> s))
        .campaignId(query.token("campaign_id"))
        .batchId(query.token("batch_id"))
        .contactId(query.token("contact_id"))
        .wentToVoicemail(query.has("went_to_voicemail") ? query.flag("went_to_voicemail", false) : null)
        .phoneNumber(query.token("phone_number"))
        .search(search(query))
        .tags(query.list("tags", TAG, 20, "tags (letters, digits, _ and -)"));
    Instant from = query.bound("from", "start_date", InstantParam.Bound.LOWER);
    Instant to = query.bound("to", "end_date", InstantParam.Bound.UPPER);
    query.ordered(from, to, "to", "end_date");
    Instant createdFrom = query.bound("created_after", null, InstantParam.Bound.LOWER);
    Instant createdTo = query.bound("created_before", null, InstantParam.Bound.UPPER);
    query.ordered(createdFrom, createdTo, "created_before");
    CallOrder order = query.choice("order_by", CallOrder.values(), CallOrder::wire);
    filter.startedFrom(from).startedTo(to).createdFrom(createdFrom).createdTo(createdTo)
        .orderBy(order == null ? CallOrder.STARTED_AT : order)
        .ascending("asc".equals(query.choice("order", ORDERS, s -> s)));
    CallView view = CallView.ofList(query);
    CallFilter built = filter.build();
    if (query.has(CallCursor.NAME)) {
      built = built.toBuilder().after(CallCursor.decode(query.raw(CallCursor.NAME), built)).build();
    }
    return new Request(built, view, mostRecent);
  }

  private static String search(QueryValues query) {
    String value = query.raw("search");
    if (value != null && !SEARCH.matcher(value).matches()) {
      throw ApiException.invalidParameter("search",
          "search must be 1 to 64 characters of a phone number or SIP user (letters, digits, + * # . _ @ -)");
    }
    return value;
  }
}
