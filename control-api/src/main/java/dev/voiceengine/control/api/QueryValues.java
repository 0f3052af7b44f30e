package dev.voiceengine.control.api;

import com.linecorp.armeria.common.QueryParams;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A query string read strictly: only known parameters, each at most once and never empty; every value checked, and
 * every refusal a 400 naming the parameter. A typo must not turn a filtered export into "everything".
 */
final class QueryValues {
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
  /** Identifiers and codes (agent, campaign, contact ids, outcomes): printable, no spaces, at most 128. */
  private static final Pattern TOKEN = Pattern.compile("[\\p{Alnum}._:@+#*/=-]{1,128}");

  private final QueryParams query;

  private QueryValues(QueryParams query) {
    this.query = query;
  }

  /** Checks that every parameter is known, given once and not empty. */
  static QueryValues of(QueryParams query, Set<String> known) {
    for (String name : query.names()) {
      if (!known.contains(name)) {
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
    return new QueryValues(query);
  }

  boolean has(String name) {
    return query.contains(name);
  }

  String raw(String name) {
    return query.get(name);
  }

  long number(String name, long fallback, long min, long max) {
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

  /** One of the values, by its wire name; null when absent. */
  <T> T choice(String name, T[] values, Function<T, String> wire) {
    String value = query.get(name);
    if (value == null) {
      return null;
    }
    for (T candidate : values) {
      if (wire.apply(candidate).equals(value)) {
        return candidate;
      }
    }
    String allowed = Arrays.stream(values).map(wire).collect(Collectors.joining(", "));
    throw ApiException.invalidParameter(name, name + " must be one of: " + allowed);
  }

  /** true or false; {@code fallback} when absent. */
  boolean flag(String name, boolean fallback) {
    Boolean value = choice(name, new Boolean[] {true, false}, String::valueOf);
    return value == null ? fallback : value;
  }

  /** An identifier or code: letters, digits and . _ : @ + # * / = - only, at most 128; null when absent. */
  String token(String name) {
    String value = query.get(name);
    if (value != null && !TOKEN.matcher(value).matches()) {
      throw ApiException.invalidParameter(name,
          name + " must be 1 to 128 letters, digits or . _ : @ + # * / = - (no spaces)");
    }
    return value;
  }

  /** A comma-separated list of tokens matching {@code item}, at most {@code max}; empty when absent. */
  List<String> list(String name, Pattern item, int max, String what) {
    String value = query.get(name);
    if (value == null) {
      return List.of();
    }
    List<String> items = Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    if (items.size() > max || items.stream().anyMatch(i -> !item.matcher(i).matches())) {
      throw ApiException.invalidParameter(name, name + " must be a comma-separated list of at most " + max + " "
          + what);
    }
    return items.stream().distinct().toList();
  }

  /** A range bound that may have an alias (from / start_date); null when absent. */
  Instant bound(String name, String alias, InstantParam.Bound bound) {
    if (alias != null && query.contains(name) && query.contains(alias)) {
      throw ApiException.invalidParameter(alias, alias + " is an alias of " + name + "; give only one");
    }
    String field = alias != null && query.contains(alias) ? alias : name;
    String value = query.get(field);
    return value == null ? null : InstantParam.parse(field, value, bound);
  }

  /** Refuses an upper bound before the lower one, naming whichever of the upper names was given. */
  void ordered(Instant from, Instant to, String... upperNames) {
    if (from != null && to != null && to.isBefore(from)) {
      String field = Arrays.stream(upperNames).filter(query::contains).findFirst().orElse(upperNames[0]);
      throw ApiException.invalidParameter(field, field + " must not be before the start of the range");
    }
  }

  /** Refuses {@code name} when {@code other} is given too. */
  void exclusive(String name, String other, String why) {
    if (query.contains(name) && query.contains(other)) {
      throw ApiException.invalidParameter(other, other + " cannot be combined with " + name + ": " + why);
    }
  }
}
