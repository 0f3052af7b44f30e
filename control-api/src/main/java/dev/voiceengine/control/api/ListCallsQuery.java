package dev.voiceengine.control.api;

import com.linecorp.armeria.common.QueryParams;
import dev.voiceengine.control.store.CallDirection;
import dev.voiceengine.control.store.CallFilter;
import dev.voiceengine.control.store.CallStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The query of {@code GET /v1/calls}, validated into a {@link CallFilter}. Strict on purpose: an unknown parameter,
 * a repeated one, an empty value or a value out of range is a 400 naming the field, never silently ignored, so a
 * typo cannot turn a filtered export into "everything".
 *
 * <p>Parameters: limit (1..100, default 20), offset (&ge; 0), direction, status, agent_id, from / to (inclusive
 * bounds on started_at; start_date / end_date are aliases); include (see {@link IncludeParam}) is checked here for
 * presence and read by the service.
 */
final class ListCallsQuery {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Set<String> KNOWN = Set.of(
      "limit", "offset", "direction", "status", "agent_id", "from", "to", "start_date", "end_date",
      IncludeParam.NAME);
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

  private ListCallsQuery() {}

  static CallFilter parse(QueryParams query) {
    for (String name : query.names()) {
      if (!KNOWN.contains(name)) {
        throw ApiException.invalidParameter(name, "unknown query parameter " + name);
      }
      List<String> values = query.getAll(name);
      if (values.size() > 1) {
        throw ApiException.invalidParameter(name, name + " is given more than once");
      }
      if (values.get(0).isEmpty()) {
        throw ApiException.invalidParameter(name, name + " must not be empty");
      }
    }
    int limit = (int) number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    long offset = number(query, "offset", 0, 0, Long.MAX_VALUE);
    CallDirection direction = choice(query, "direction", CallDirection.values(), CallDirection::wire);
    CallStatus status = choice(query, "status", CallStatus.values(), CallStatus::wire);
    Instant from = bound(query, "from", "start_date", InstantParam.Bound.LOWER);
    Instant to = bound(query, "to", "end_date", InstantParam.Bound.UPPER);
    if (from != null && to != null && to.isBefore(from)) {
      String field = query.contains("to") ? "to" : "end_date";
      throw ApiException.invalidParameter(field, field + " must not be before the start of the range");
    }
    String agentId = query.get("agent_id");
    return new CallFilter(direction, status, from, to, agentId, limit, offset);
  }

  private static long number(QueryParams query, String name, long fallback, long min, long max) {
    String value = query.get(name);
    if (value == null) {
      return fallback;
    }
    if (!DIGITS.matcher(value).matches()) {
      throw ApiException.invalidParameter(name, name + " must be a whole number" + range(min, max));
    }
    long number = Long.parseLong(value);
    if (number < min || number > max) {
      throw ApiException.invalidParameter(name, name + " must be" + range(min, max));
    }
    return number;
  }

  private static String range(long min, long max) {
    return max == Long.MAX_VALUE ? " of at least " + min : " from " + min + " to " + max;
  }

  private interface Wire<T> {
    String of(T value);
  }

  private static <T> T choice(QueryParams query, String name, T[] values, Wire<T> wire) {
    String value = query.get(name);
    if (value == null) {
      return null;
    }
    for (T candidate : values) {
      if (wire.of(candidate).equals(value)) {
        return candidate;
      }
    }
    String allowed = Arrays.stream(values).map(wire::of).collect(Collectors.joining(", "));
    throw ApiException.invalidParameter(name, name + " must be one of: " + allowed);
  }

  private static Instant bound(QueryParams query, String name, String alias, InstantParam.Bound bound) {
    if (query.contains(name) && query.contains(alias)) {
      throw ApiException.invalidParameter(alias, alias + " is an alias of " + name + "; give only one");
    }
    String field = query.contains(alias) ? alias : name;
    String value = query.get(field);
    return value == null ? null : InstantParam.parse(field, value, bound);
  }
}
