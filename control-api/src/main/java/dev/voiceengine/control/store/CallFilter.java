package dev.voiceengine.control.store;

import java.time.Instant;
import java.util.List;

/**
 * Which calls to list, in which order, and which page of them. Shared by every front end that lists calls (REST
 * today, gRPC later), so a filter means the same everywhere. Null criteria do not filter; every range is inclusive
 * at both ends. Build one with {@link #builder()}.
 *
 * @param wentToVoicemail calls that reached (true) or did not reach (false) an answering machine
 * @param phoneNumber calls from or to this number (exact)
 * @param search calls whose from or to number contains this text
 * @param tags calls carrying any of these analysis tags (empty: no filter)
 * @param after keyset pagination: the page starts after this position (null: from the start, then {@code offset})
 * @param orgId only this organization's calls (null: every organization's; the APIs always set the caller's)
 */
public record CallFilter(
    String agentId,
    CallDirection direction,
    CallStatus status,
    String outcome,
    String sentiment,
    String campaignId,
    String batchId,
    String contactId,
    Boolean wentToVoicemail,
    String phoneNumber,
    String search,
    List<String> tags,
    Instant startedFrom,
    Instant startedTo,
    Instant createdFrom,
    Instant createdTo,
    CallOrder orderBy,
    boolean ascending,
    int limit,
    long offset,
    CallPosition after,
    String orgId) {

  public CallFilter {
    orderBy = orderBy == null ? CallOrder.STARTED_AT : orderBy;
    if (limit < 0 || offset < 0) {
      throw new IllegalArgumentException("limit and offset must not be negative");
    }
    if (after != null && offset != 0) {
      throw new IllegalArgumentException("a page starts after a position or at an offset, not both");
    }
    if (after != null && !orderBy.accepts(after.key())) {
      throw new IllegalArgumentException("the position's key does not fit the order " + orderBy.wire());
    }
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** Every call, newest first, first page of {@code limit}. */
  public static CallFilter all(int limit) {
    return builder().limit(limit).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this filter's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The same selection and order without the page (limit, offset, position): what a cursor must keep. */
  public CallFilter selection() {
    return toBuilder().limit(0).offset(0).after(null).build();
  }

  /** Builds filters criterion by criterion; by default newest first, 50 a page. */
  public static final class Builder {
    private String agentId;
    private CallDirection direction;
    private CallStatus status;
    private String outcome;
    private String sentiment;
    private String campaignId;
    private String batchId;
    private String contactId;
    private Boolean wentToVoicemail;
    private String phoneNumber;
    private String search;
    private List<String> tags = List.of();
    private Instant startedFrom;
    private Instant startedTo;
    private Instant createdFrom;
    private Instant createdTo;
    private CallOrder orderBy = CallOrder.STARTED_AT;
    private boolean ascending;
    private int limit = 50;
    private long offset;
    private CallPosition after;
    private String orgId;

    private Builder() {}

    private Builder(CallFilter f) {
      agentId = f.agentId;
      direction = f.direction;
      status = f.status;
      outcome = f.outcome;
      sentiment = f.sentiment;
      campaignId = f.campaignId;
      batchId = f.batchId;
      contactId = f.contactId;
      wentToVoicemail = f.wentToVoicemail;
      phoneNumber = f.phoneNumber;
      search = f.search;
      tags = f.tags;
      startedFrom = f.startedFrom;
      startedTo = f.startedTo;
      createdFrom = f.createdFrom;
      createdTo = f.createdTo;
      orderBy = f.orderBy;
      ascending = f.ascending;
      limit = f.limit;
      offset = f.offset;
      after = f.after;
      orgId = f.orgId;
    }

    public Builder agentId(String v) { agentId = v; return this; }
    public Builder direction(CallDirection v) { direction = v; return this; }
    public Builder status(CallStatus v) { status = v; return this; }
    public Builder outcome(String v) { outcome = v; return this; }
    public Builder sentiment(String v) { sentiment = v; return this; }
    public Builder campaignId(String v) { campaignId = v; return this; }
    public Builder batchId(String v) { batchId = v; return this; }
    public Builder contactId(String v) { contactId = v; return this; }
    public Builder wentToVoicemail(Boolean v) { wentToVoicemail = v; return this; }
    public Builder phoneNumber(String v) { phoneNumber = v; return this; }
    public Builder search(String v) { search = v; return this; }
    public Builder tags(List<String> v) { tags = v; return this; }
    public Builder startedFrom(Instant v) { startedFrom = v; return this; }
    public Builder startedTo(Instant v) { startedTo = v; return this; }
    public Builder createdFrom(Instant v) { createdFrom = v; return this; }
    public Builder createdTo(Instant v) { createdTo = v; return this; }
    public Builder orderBy(CallOrder v) { orderBy = v; return this; }
    public Builder ascending(boolean v) { ascending = v; return this; }
    public Builder limit(int v) { limit = v; return this; }
    public Builder offset(long v) { offset = v; return this; }
    public Builder after(CallPosition v) { after = v; return this; }
    public Builder orgId(String v) { orgId = v; return this; }

    public CallFilter build() {
      return new CallFilter(agentId, direction, status, outcome, sentiment, campaignId, batchId, contactId,
          wentToVoicemail, phoneNumber, search, tags, startedFrom, startedTo, createdFrom, createdTo, orderBy,
          ascending, limit, offset, after, orgId);
    }
  }
}
